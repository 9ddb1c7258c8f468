// MailTransport port: outbound mail. Adapters: SMTP (nodemailer) or an .eml outbox folder.
export interface OutboundMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

export interface MailTransport {
  send(mail: OutboundMail): Promise<{ messageId: string }>;
  close(): Promise<void>;
}
