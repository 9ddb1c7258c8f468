// "Download" beside a table: the very table shown (same metrics, dimensions, period and filters) as a
// CSV or Excel file, and a PDF where the server draws one. Plain links: the browser downloads with the session cookie, no script in between.
import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type AnalyticsRequest, exportHref } from '../api';

interface Props {
  request: AnalyticsRequest;
  table: string;
  /** The same figures as a PDF with its chart, when the table has one (a saved report). */
  pdf?: string;
}

export function ExportMenu({ request, table, pdf }: Props) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="compact-sm" aria-label={t('analytics.export.menuOf', { table })}>
          {t('analytics.export.menu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={exportHref('csv', request)} download>
          {t('analytics.export.csv')}
        </Menu.Item>
        <Menu.Item component="a" href={exportHref('xlsx', request)} download>
          {t('analytics.export.xlsx')}
        </Menu.Item>
        {pdf && (
          <Menu.Item component="a" href={pdf} download>
            {t('analytics.export.pdf')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
