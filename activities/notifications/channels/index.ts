/**
 * Delivery channels: e-mail (SMTP via nodemailer), SMS (twilio) and Zalo ZNS (HTTP), one file each.
 * Decree 118 Art. 17(2)(c), 19(6), 22(5) name e-mail, SMS and approved social networks.
 */
export {
  PermanentDeliveryError,
  RetryableDeliveryError,
  type Attachment,
  type OutboundMessage,
  type Sender,
} from './shared';
export { createEmailChannel, type EmailChannelConfig } from './email';
export { createSmsChannel } from './sms';
export { createZaloChannel } from './zalo';
