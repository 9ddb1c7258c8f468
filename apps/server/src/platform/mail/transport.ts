// MailTransport port: outbound mail. Adapters: SMTP (nodemailer) or an .eml outbox folder.
export interface OutboundMail {
  to: string;
  /** Also copied (a ticket's cc'd customers). */
  cc?: string[];
  /** Sender, "Name <address>"; default: the transport's (SMTP_FROM). */
  from?: string;
  replyTo?: string;
  /** With angle brackets; default: one the transport makes. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** Files sent along (a report's PDF). Base64, so the mail stays plain JSON on its way through JobQueue. */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  contentBase64: string;
}

export interface MailTransport {
  send(mail: OutboundMail): Promise<{ messageId: string }>;
  /** Forget cached settings after an admin changed the outgoing server (the switchable transport). */
  invalidate?(): void;
  close(): Promise<void>;
}
