// Email end to end: a customer mails the demo's support address at the seeded server's own SMTP
// listener, and is acknowledged by mail; an agent finds the ticket, reads the mail (quoted history
// folded, the original downloadable), replies, and sees it sent; the reply reaches the customer's
// side (a real SMTP listener) threaded under their mail; the customer's answer to it comes back into
// the same ticket while the agent looks at it.
import { expect, test } from '@playwright/test';
import nodemailer from 'nodemailer';
import { INBOUND_SMTP_PORT, SMTP_PORT } from './global-setup';
import { ADMIN, AGENT, mailsTo, signIn } from './helpers';

const SUPPORT = 'support@demo.sahayak.test';

function customerMail(mail: nodemailer.SendMailOptions) {
  const client = nodemailer.createTransport({
    host: '127.0.0.1',
    port: INBOUND_SMTP_PORT,
    secure: false,
    ignoreTLS: true,
  });
  return client.sendMail({ to: SUPPORT, ...mail });
}

test('a customer’s mail becomes a ticket, the agent’s reply goes out by mail, and the answer threads back', async ({
  page,
}) => {
  const stamp = Date.now();
  const customer = `nisha.${stamp}@customer.example.in`;
  const subject = `Parcel ${stamp} delivered to the wrong address`;
  const firstId = `<first.${stamp}@customer.example.in>`;
  const sent = await customerMail({
    from: `"Nisha Verma" <${customer}>`,
    subject,
    text: 'My parcel was left at house 14 instead of 41.\n\n-- \nNisha Verma\nSent from my phone',
    html: '<p>My parcel was left at house 14 instead of 41.</p><img src="https://127.0.0.1:9/door.jpg" alt="Photo of the door"><p>-- <br>Nisha Verma<br>Sent from my phone</p>',
    messageId: firstId,
  });
  expect(sent.response).toMatch(/^250 /);

  // The acknowledgement, threaded under the customer's mail.
  const [ack] = await mailsTo([customer], 'Your request');
  expect(ack!.inReplyTo).toBe(firstId);
  expect(ack!.subject).toMatch(/\[#\d+\]/);
  const number = Number(/\[#(\d+)\]/.exec(ack!.subject ?? '')![1]);

  await signIn(page, AGENT);
  await page.goto('/tickets');
  await page.getByRole('searchbox', { name: 'Search' }).fill(String(stamp));
  const row = page.getByRole('table', { name: 'Tickets' }).getByRole('row').filter({ hasText: subject });
  await row.getByRole('link', { name: subject }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${number}$`));
  const message = page.getByRole('article', { name: 'Message from Nisha Verma' });
  await expect(message).toContainText('My parcel was left at house 14 instead of 41.');
  await expect(message).toContainText('via Email');
  // The signature is folded away with the history.
  await expect(message.getByText('Sent from my phone')).toBeHidden();
  await message.getByRole('button', { name: 'Show quoted text' }).click();
  await expect(message.getByText('Sent from my phone')).toBeVisible();
  // Its remote image is not fetched until the agent asks.
  const photo = message.getByRole('img', { name: 'Photo of the door' });
  await expect(photo).not.toHaveAttribute('src');
  await message.getByRole('button', { name: 'Show remote images' }).click();
  await expect(photo).toHaveAttribute('src', 'https://127.0.0.1:9/door.jpg');
  await expect(message.getByRole('button', { name: 'Show remote images' })).toHaveCount(0);
  const download = page.waitForEvent('download');
  await message.getByRole('link', { name: 'Download the original mail (.eml)' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.eml$/);

  await page
    .getByRole('textbox', { name: 'Reply to the customer' })
    .fill('We are sorry. The courier will collect it from house 14 today.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  const reply = page.getByRole('article', { name: /^Reply by / });
  await expect(reply).toContainText('Sent by mail', { timeout: 20_000 });

  // At the customer's side: the reply, threaded, answerable.
  const replies = await mailsTo([customer], 'Re: ');
  const mail = replies[0]!;
  expect(mail.subject).toBe(`Re: ${subject} [#${number}]`);
  expect(mail.inReplyTo).toBe(firstId);
  expect(mail.text).toContain('The courier will collect it from house 14 today.');
  expect(mail.replyTo?.text).toBe(`support+${number}@demo.sahayak.test`);

  await customerMail({
    from: customer,
    to: mail.replyTo!.text,
    subject: mail.subject!,
    text: `Thank you, it has been collected.\n\nOn ${new Date().toDateString()}, Demo Support wrote:\n> The courier will collect it from house 14 today.`,
    inReplyTo: mail.messageId,
    references: [firstId, mail.messageId!],
    messageId: `<answer.${stamp}@customer.example.in>`,
  });
  // The answer arrives on the open ticket without a reload.
  await expect(page.getByRole('article', { name: 'Message from Nisha Verma' }).last()).toContainText(
    'Thank you, it has been collected.',
  );
});

test('an admin points outgoing mail at a server, sends a test mail, and goes back to SMTP_URL', async ({ page }) => {
  const to = `postmaster.${Date.now()}@demo-admin.example.in`;
  await signIn(page, ADMIN);
  await page.goto('/tickets');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Outgoing mail' }).click();
  await expect(page.getByRole('heading', { name: 'Outgoing mail', level: 2 })).toBeVisible();
  await expect(page.getByText('Mail goes out through the server in the SMTP_URL setting.')).toBeVisible();

  await page.getByRole('textbox', { name: 'SMTP server' }).fill('127.0.0.1');
  await page.getByRole('textbox', { name: 'Port' }).fill(String(SMTP_PORT));
  await page.getByRole('textbox', { name: 'Encryption' }).click();
  await page.getByRole('option', { name: 'None (only on a trusted network)' }).click();
  await page.getByRole('textbox', { name: 'Sender' }).fill('not an address');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('must be an email address', { exact: false })).toBeVisible();
  await page.getByRole('textbox', { name: 'Sender' }).fill('Demo Company <support@demo.sahayak.test>');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Mail goes out through the server set here.')).toBeVisible();

  await page.getByRole('textbox', { name: 'Send a test mail to' }).fill(to);
  await page.getByRole('button', { name: 'Send test mail with these settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The test mail was accepted by the server.' })).toBeVisible();
  const [mail] = await mailsTo([to], 'Sahayak: test mail');
  expect(mail!.from?.text).toBe('"Demo Company" <support@demo.sahayak.test>');

  // A closed port: the server's own words.
  await page.getByRole('textbox', { name: 'Port' }).fill('1');
  await page.getByRole('button', { name: 'Send test mail with these settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: /The test mail failed: .*ECONNREFUSED/ })).toBeVisible();

  await page.getByRole('button', { name: 'Use the SMTP_URL setting again' }).click();
  await page
    .getByRole('dialog', { name: 'Stop using this server?' })
    .getByRole('button', { name: 'Use the SMTP_URL setting again' })
    .click();
  await expect(page.getByText('Mail goes out through the server in the SMTP_URL setting.')).toBeVisible();
});
