// The return/refund request of a "return" ticket: order, reason, amount and where the refund stands.
import { Button, Group, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/api';
import { REFUND_STATES, type RefundState, type ReturnDetails } from '../api';

interface Props {
  value: ReturnDetails | null;
  onSave: (value: ReturnDetails) => void;
  pending: boolean;
  error: unknown;
  disabled?: boolean;
}

export function ReturnDetailsForm({ value, onSave, pending, error, disabled }: Props) {
  const { t } = useTranslation();
  const [orderRef, setOrderRef] = useState(value?.orderRef ?? '');
  const [reason, setReason] = useState(value?.reason ?? '');
  // Shown in rupees (or the currency's main unit); stored in its minor unit.
  const [amount, setAmount] = useState<number | string>(value ? value.amountMinor / 100 : '');
  const [currency, setCurrency] = useState(value?.currency ?? 'INR');
  const [refundState, setRefundState] = useState<RefundState>(value?.refundState ?? 'requested');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({
      orderRef: orderRef.trim(),
      reason: reason.trim(),
      amountMinor: Math.round(Number(amount || 0) * 100),
      currency: currency.trim().toUpperCase() || 'INR',
      refundState,
    });
  };

  const err = (name: string) => fieldError(error, `returnDetails.${name}`);
  return (
    <form onSubmit={submit} noValidate aria-label={t('tickets.return.title')}>
      <Stack gap="xs">
        <TextInput
          size="sm"
          label={t('tickets.return.orderRef')}
          required
          value={orderRef}
          onChange={(e) => setOrderRef(e.currentTarget.value)}
          error={err('orderRef')}
          disabled={disabled}
        />
        <Textarea
          size="sm"
          label={t('tickets.return.reason')}
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={err('reason')}
          disabled={disabled}
        />
        <Group gap="xs" grow>
          <NumberInput
            size="sm"
            label={t('tickets.return.amount')}
            min={0}
            decimalScale={2}
            value={amount}
            onChange={setAmount}
            error={err('amountMinor')}
            disabled={disabled}
          />
          <TextInput
            size="sm"
            label={t('tickets.return.currency')}
            maxLength={3}
            value={currency}
            onChange={(e) => setCurrency(e.currentTarget.value)}
            error={err('currency')}
            disabled={disabled}
          />
        </Group>
        <Select
          size="sm"
          label={t('tickets.return.refundState')}
          allowDeselect={false}
          value={refundState}
          onChange={(v) => setRefundState(REFUND_STATES.find((s) => s === v) ?? 'requested')}
          data={REFUND_STATES.map((s) => ({ value: s, label: t(`tickets.return.states.${s}`) }))}
          disabled={disabled}
        />
        <Group>
          <Button type="submit" size="xs" variant="light" loading={pending} disabled={disabled}>
            {t('tickets.return.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
