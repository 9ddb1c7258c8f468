// One error type, one table from code to HTTP status and to its English and Hindi message.

export type Locale = 'en' | 'hi';

interface ErrorDef {
  status: number;
  en: string;
  hi: string;
}

export const errorCodes = {
  survey_link_invalid: {
    status: 404,
    en: 'This survey link is not valid. Please use the link from your email exactly as it is.',
    hi: 'यह सर्वे लिंक मान्य नहीं है। कृपया अपने ईमेल वाला लिंक बिना बदले उपयोग करें।',
  },
  survey_expired: {
    status: 410,
    en: 'This survey has closed. Thank you all the same: your earlier answer, if any, is kept.',
    hi: 'यह सर्वे बंद हो चुका है। फिर भी धन्यवाद: अगर आपने पहले जवाब दिया था, तो वह सुरक्षित है।',
  },
  feedback_not_found: { status: 404, en: 'There is no such feedback.', hi: 'ऐसी कोई प्रतिक्रिया नहीं है।' },
  no_product_feedback_target: {
    status: 409,
    en: 'No product team address or webhook is set: add one in the survey settings first.',
    hi: 'प्रोडक्ट टीम का कोई पता या वेबहुक सेट नहीं है: पहले सर्वे सेटिंग्स में एक जोड़ें।',
  },
  validation_failed: { status: 400, en: 'The request is not valid.', hi: 'अनुरोध मान्य नहीं है।' },
  invalid_json: { status: 400, en: 'The request body is not valid JSON.', hi: 'अनुरोध का मुख्य भाग मान्य JSON नहीं है।' },
  unauthenticated: { status: 401, en: 'Please sign in.', hi: 'कृपया साइन इन करें।' },
  invalid_credentials: {
    status: 401,
    en: 'The email or password is wrong.',
    hi: 'ईमेल या पासवर्ड गलत है।',
  },
  invalid_token: {
    status: 401,
    en: 'The API token is not valid, has expired or was revoked.',
    hi: 'API टोकन मान्य नहीं है, उसकी अवधि समाप्त हो गई है या उसे रद्द कर दिया गया है।',
  },
  session_expired: {
    status: 401,
    en: 'Your session has ended. Please sign in again.',
    hi: 'आपका सत्र समाप्त हो गया है। कृपया फिर से साइन इन करें।',
  },
  csrf_failed: {
    status: 403,
    en: 'The request is missing its security token. Reload the page and try again.',
    hi: 'अनुरोध में सुरक्षा टोकन नहीं है। पेज फिर से लोड करके दोबारा कोशिश करें।',
  },
  forbidden: {
    status: 403,
    en: 'You do not have permission to do this.',
    hi: 'आपको यह करने की अनुमति नहीं है।',
  },
  token_scope: {
    status: 403,
    en: 'This API token may only read; create a token with write scope.',
    hi: 'यह API टोकन केवल पढ़ सकता है; लिखने की अनुमति वाला टोकन बनाएँ।',
  },
  not_found: { status: 404, en: 'Not found.', hi: 'नहीं मिला।' },
  user_not_found: { status: 404, en: 'No such user.', hi: 'ऐसा कोई उपयोगकर्ता नहीं है।' },
  team_not_found: { status: 404, en: 'No such team.', hi: 'ऐसी कोई टीम नहीं है।' },
  calendar_not_found: { status: 404, en: 'No such business calendar.', hi: 'ऐसा कोई कार्य कैलेंडर नहीं है।' },
  sla_policy_not_found: { status: 404, en: 'No such SLA policy.', hi: 'ऐसी कोई SLA नीति नहीं है।' },
  escalation_rule_not_found: { status: 404, en: 'No such escalation rule.', hi: 'ऐसा कोई एस्केलेशन नियम नहीं है।' },
  macro_not_found: {
    status: 404,
    en: 'No such macro, or you may not see it.',
    hi: 'ऐसा कोई मैक्रो नहीं है, या आप इसे नहीं देख सकते।',
  },
  trigger_not_found: { status: 404, en: 'No such trigger.', hi: 'ऐसा कोई ट्रिगर नहीं है।' },
  time_rule_not_found: { status: 404, en: 'No such time rule.', hi: 'ऐसा कोई समय नियम नहीं है।' },
  token_not_found: { status: 404, en: 'No such API token.', hi: 'ऐसा कोई API टोकन नहीं है।' },
  session_not_found: { status: 404, en: 'No such session.', hi: 'ऐसा कोई सत्र नहीं है।' },
  ticket_not_found: {
    status: 404,
    en: 'No such ticket, or you may not see it.',
    hi: 'ऐसा कोई टिकट नहीं है, या आप इसे नहीं देख सकते।',
  },
  attachment_not_found: { status: 404, en: 'No such attachment.', hi: 'ऐसा कोई अनुलग्नक नहीं है।' },
  mail_not_failed: {
    status: 409,
    en: 'This mail has not failed: it is sent or still being sent.',
    hi: 'यह मेल विफल नहीं हुआ है: यह भेजा जा चुका है या भेजा जा रहा है।',
  },
  message_not_found: {
    status: 404,
    en: 'No such message on this ticket, or it has no original mail.',
    hi: 'इस टिकट पर ऐसा कोई संदेश नहीं है, या उसका मूल मेल नहीं है।',
  },
  view_not_found: { status: 404, en: 'No such view.', hi: 'ऐसा कोई व्यू नहीं है।' },
  report_not_found: { status: 404, en: 'No such report.', hi: 'ऐसी कोई रिपोर्ट नहीं है।' },
  schedule_not_found: { status: 404, en: 'No such scheduled report.', hi: 'ऐसी कोई निर्धारित रिपोर्ट नहीं है।' },
  field_not_found: { status: 404, en: 'No such custom field.', hi: 'ऐसा कोई कस्टम फ़ील्ड नहीं है।' },
  customer_not_found: { status: 404, en: 'No such customer.', hi: 'ऐसा कोई ग्राहक नहीं है।' },
  organisation_not_found: { status: 404, en: 'No such organisation.', hi: 'ऐसा कोई संगठन नहीं है।' },
  organisation_name_taken: {
    status: 409,
    en: 'An organisation with this name already exists.',
    hi: 'इस नाम का संगठन पहले से मौजूद है।',
  },
  organisation_domain_taken: {
    status: 409,
    en: 'Another organisation already has this domain (details.organisationId).',
    hi: 'यह डोमेन पहले से किसी दूसरे संगठन का है (details.organisationId)।',
  },
  organisation_in_use: {
    status: 409,
    en: 'Customers or tickets belong to this organisation (details.customers, details.tickets); move them first.',
    hi: 'इस संगठन के ग्राहक या टिकट हैं (details.customers, details.tickets); पहले उन्हें हटाएँ।',
  },
  support_address_not_found: { status: 404, en: 'No such support address.', hi: 'ऐसा कोई सहायता पता नहीं है।' },
  support_address_taken: {
    status: 409,
    en: 'This support address already exists.',
    hi: 'यह सहायता पता पहले से मौजूद है।',
  },
  support_address_default: {
    status: 409,
    en: 'This is the default support address; make another address the default before deleting it.',
    hi: 'यह डिफ़ॉल्ट सहायता पता है; इसे हटाने से पहले किसी दूसरे पते को डिफ़ॉल्ट बनाएँ।',
  },
  mail_account_not_found: { status: 404, en: 'No such mailbox.', hi: 'ऐसा कोई मेलबॉक्स नहीं है।' },
  mail_account_name_taken: {
    status: 409,
    en: 'A mailbox with this name already exists.',
    hi: 'इस नाम का मेलबॉक्स पहले से मौजूद है।',
  },
  version_conflict: {
    status: 409,
    en: 'This ticket changed since you loaded it. Reload it and try again.',
    hi: 'आपके लोड करने के बाद यह टिकट बदल गया है। इसे फिर से लोड करके दोबारा कोशिश करें।',
  },
  status_transition: {
    status: 409,
    en: 'The ticket cannot move to this status from its current one.',
    hi: 'टिकट अपनी वर्तमान स्थिति से इस स्थिति में नहीं जा सकता।',
  },
  ticket_closed: {
    status: 409,
    en: 'This ticket is closed and can no longer change. Open a follow-up ticket instead.',
    hi: 'यह टिकट बंद है और अब बदला नहीं जा सकता। इसके बजाय एक नया फ़ॉलो-अप टिकट खोलें।',
  },
  merge_invalid: {
    status: 409,
    en: 'These tickets cannot be merged (the same ticket, or one is closed or already merged).',
    hi: 'इन टिकटों को मर्ज नहीं किया जा सकता (एक ही टिकट है, या कोई बंद है या पहले ही मर्ज हो चुका है)।',
  },
  field_key_taken: {
    status: 409,
    en: 'A custom field with this key already exists.',
    hi: 'इस कुंजी वाला कस्टम फ़ील्ड पहले से मौजूद है।',
  },
  view_readonly: {
    status: 403,
    en: 'Only its owner (or an admin or manager, for shared views) may change this view.',
    hi: 'केवल इसका स्वामी (या साझा व्यू के लिए एडमिन या मैनेजर) इस व्यू को बदल सकता है।',
  },
  email_taken: {
    status: 409,
    en: 'A user with this email already exists.',
    hi: 'इस ईमेल वाला उपयोगकर्ता पहले से मौजूद है।',
  },
  calendar_name_taken: {
    status: 409,
    en: 'A business calendar with this name already exists.',
    hi: 'इस नाम का कार्य कैलेंडर पहले से मौजूद है।',
  },
  calendar_in_use: {
    status: 409,
    en: 'Teams count their hours in this calendar (details.teamIds); give them another one first.',
    hi: 'टीमें इस कैलेंडर में अपने घंटे गिनती हैं (details.teamIds); पहले उन्हें दूसरा कैलेंडर दें।',
  },
  sla_policy_name_taken: {
    status: 409,
    en: 'An SLA policy with this name already exists.',
    hi: 'इस नाम की SLA नीति पहले से मौजूद है।',
  },
  escalation_rule_name_taken: {
    status: 409,
    en: 'An escalation rule with this name already exists.',
    hi: 'इस नाम का एस्केलेशन नियम पहले से मौजूद है।',
  },
  macro_name_taken: {
    status: 409,
    en: 'A macro with this name already exists (among the shared ones, or among your own).',
    hi: 'इस नाम का मैक्रो पहले से मौजूद है (साझा मैक्रो में, या आपके अपने मैक्रो में)।',
  },
  trigger_name_taken: {
    status: 409,
    en: 'A trigger with this name already exists.',
    hi: 'इस नाम का ट्रिगर पहले से मौजूद है।',
  },
  time_rule_name_taken: {
    status: 409,
    en: 'A time rule with this name already exists.',
    hi: 'इस नाम का समय नियम पहले से मौजूद है।',
  },
  trigger_loop: {
    status: 400,
    en: 'These actions would undo what makes the trigger run, or flip a field back and forth with another trigger (details.explanation says which). Change the conditions or the actions.',
    hi: 'ये कार्रवाइयाँ उसी शर्त को पलट देंगी जिससे ट्रिगर चलता है, या किसी दूसरे ट्रिगर के साथ एक फ़ील्ड को बार-बार बदलती रहेंगी (details.explanation में बताया गया है कि कौन-सा)। शर्तें या कार्रवाइयाँ बदलें।',
  },
  macro_inactive: {
    status: 409,
    en: 'This macro is switched off; switch it on before applying it.',
    hi: 'यह मैक्रो बंद है; इसे लागू करने से पहले चालू करें।',
  },
  team_name_taken: {
    status: 409,
    en: 'A team with this name already exists.',
    hi: 'इस नाम की टीम पहले से मौजूद है।',
  },
  setup_done: {
    status: 409,
    en: 'Sahayak is already set up; sign in instead.',
    hi: 'सहायक पहले से सेट अप है; इसके बजाय साइन इन करें।',
  },
  last_admin: {
    status: 409,
    en: 'This is the last active admin; make someone else admin first.',
    hi: 'यह अंतिम सक्रिय एडमिन है; पहले किसी और को एडमिन बनाएँ।',
  },
  wrong_password: { status: 400, en: 'The current password is wrong.', hi: 'वर्तमान पासवर्ड गलत है।' },
  reset_link_invalid: {
    status: 400,
    en: 'This reset link is not valid, was already used or has expired.',
    hi: 'यह रीसेट लिंक मान्य नहीं है, पहले ही उपयोग हो चुका है या इसकी अवधि समाप्त हो गई है।',
  },
  portal_link_invalid: {
    status: 400,
    en: 'This sign-in link is not valid, was already used or has expired. Ask for a new one.',
    hi: 'यह साइन-इन लिंक मान्य नहीं है, पहले ही उपयोग हो चुका है या इसकी अवधि समाप्त हो गई है। नया लिंक मँगाएँ।',
  },
  too_many_requests: {
    status: 429,
    en: 'Too many requests from here. Try again later (details.retryAfterSeconds).',
    hi: 'यहाँ से बहुत अधिक अनुरोध आए हैं। कुछ देर बाद फिर कोशिश करें (details.retryAfterSeconds)।',
  },
  payload_too_large: { status: 413, en: 'The request is too large.', hi: 'अनुरोध बहुत बड़ा है।' },
  unsupported_media_type: {
    status: 415,
    en: 'Send the request body as JSON (Content-Type: application/json).',
    hi: 'अनुरोध का मुख्य भाग JSON के रूप में भेजें (Content-Type: application/json)।',
  },
  too_many_attempts: {
    status: 429,
    en: 'Too many failed attempts. Try again later.',
    hi: 'बहुत अधिक असफल प्रयास। कुछ देर बाद फिर कोशिश करें।',
  },
  not_ready: { status: 503, en: 'Sahayak is not ready yet.', hi: 'सहायक अभी तैयार नहीं है।' },
  internal: {
    status: 500,
    en: 'Something went wrong on our side. It has been logged.',
    hi: 'हमारी ओर से कुछ गड़बड़ हो गई। इसे दर्ज कर लिया गया है।',
  },
} as const satisfies Record<string, ErrorDef>;

export type ErrorCode = keyof typeof errorCodes;

/**
 * Messages about one field (in `details.fields`), by key: schemas and services name the key, the
 * error handler puts it in the caller's language. Other field messages come from zod's locales.
 */
export const fieldMessages = {
  required: { en: 'is required', hi: 'आवश्यक है' },
  taken: { en: 'is already in use', hi: 'पहले से उपयोग में है' },
  no_such_user: { en: 'names a user that does not exist', hi: 'ऐसे उपयोगकर्ता को दर्शाता है जो मौजूद नहीं है' },
  invalid_cursor: { en: 'is not a cursor this list gave out', hi: 'इस सूची द्वारा दिया गया कर्सर नहीं है' },
  wrong_password: { en: 'is wrong', hi: 'गलत है' },
  before_from: { en: 'must be on or after the start date', hi: 'आरंभ तिथि के दिन या उसके बाद की होनी चाहिए' },
  time_zone: { en: 'must be an IANA time zone such as Asia/Kolkata', hi: 'Asia/Kolkata जैसा IANA समय क्षेत्र होना चाहिए' },
  password_length: { en: 'must be 10 to 200 characters long', hi: '10 से 200 अक्षरों का होना चाहिए' },
  unknown_field: { en: 'is not a custom field', hi: 'कोई कस्टम फ़ील्ड नहीं है' },
  field_inactive: { en: 'is a custom field that is switched off', hi: 'एक बंद किया गया कस्टम फ़ील्ड है' },
  invalid_value: { en: 'has a value this field does not accept', hi: 'का मान यह फ़ील्ड स्वीकार नहीं करता' },
  not_an_option: { en: "must be one of the field's options", hi: 'फ़ील्ड के विकल्पों में से एक होना चाहिए' },
  required_to_solve: { en: 'must be filled in before the ticket is solved', hi: 'टिकट हल करने से पहले भरना आवश्यक है' },
  field_key: {
    en: 'must start with a letter and use only a–z, 0–9 and _',
    hi: 'किसी अक्षर से शुरू होना चाहिए और केवल a–z, 0–9 और _ का उपयोग करना चाहिए',
  },
  options_required: { en: 'needs at least one option', hi: 'में कम से कम एक विकल्प होना चाहिए' },
  no_such_team: { en: 'names a team that does not exist', hi: 'ऐसी टीम को दर्शाता है जो मौजूद नहीं है' },
  no_such_customer: { en: 'names a customer that does not exist', hi: 'ऐसे ग्राहक को दर्शाता है जो मौजूद नहीं है' },
  no_such_ticket: { en: 'names a ticket that does not exist', hi: 'ऐसे टिकट को दर्शाता है जो मौजूद नहीं है' },
  not_a_problem: { en: 'must be a ticket of type problem', hi: 'समस्या प्रकार का टिकट होना चाहिए' },
  not_staff_assignable: {
    en: "must be an active agent who belongs to the ticket's team",
    hi: 'टिकट की टीम का सक्रिय एजेंट होना चाहिए',
  },
  unknown_metric: {
    en: 'names a metric that does not exist (details.allowed lists them)',
    hi: 'ऐसे मीट्रिक को दर्शाता है जो मौजूद नहीं है (details.allowed में सूची है)',
  },
  unknown_dimension: {
    en: 'names a dimension that does not exist (details.allowed lists them)',
    hi: 'ऐसे आयाम को दर्शाता है जो मौजूद नहीं है (details.allowed में सूची है)',
  },
  too_many: { en: 'has too many entries', hi: 'में बहुत अधिक प्रविष्टियाँ हैं' },
  not_a_date: { en: 'must be a real date as YYYY-MM-DD', hi: 'YYYY-MM-DD के रूप में एक वास्तविक तिथि होनी चाहिए' },
  range_too_long: {
    en: 'must be at most three years after the start date',
    hi: 'आरंभ तिथि से अधिकतम तीन वर्ष बाद की होनी चाहिए',
  },
  not_by_time: {
    en: 'cannot break the backlog (a count at this moment) down by time',
    hi: 'बैकलॉग (इस क्षण की गिनती) को समय के अनुसार नहीं बाँटा जा सकता',
  },
  backlog_only: {
    en: 'backlog_age can only break down the backlog metrics',
    hi: 'backlog_age केवल बैकलॉग मीट्रिक को बाँट सकता है',
  },
  not_for_activity: {
    en: 'cannot break the agent activity metrics down (details.allowed lists the dimensions that can)',
    hi: 'एजेंट गतिविधि मीट्रिक को नहीं बाँट सकता (details.allowed में वे आयाम हैं जो बाँट सकते हैं)',
  },
  too_many_buckets: {
    en: 'by hour covers at most 31 days; choose day or a shorter period',
    hi: 'घंटे के अनुसार अधिकतम 31 दिन; दिन चुनें या छोटी अवधि',
  },
  no_working_hours: {
    en: 'needs at least one interval of working hours in the week',
    hi: 'में सप्ताह में कम से कम एक कार्य-समय अंतराल होना चाहिए',
  },
  interval_order: { en: 'must be later than the start of the interval', hi: 'अंतराल की शुरुआत के बाद का होना चाहिए' },
  overlapping_hours: {
    en: 'overlaps another interval of the same day',
    hi: 'उसी दिन के किसी दूसरे अंतराल से टकराता है',
  },
  no_such_calendar: { en: 'names a calendar that does not exist', hi: 'ऐसे कैलेंडर को दर्शाता है जो मौजूद नहीं है' },
  domain_format: {
    en: 'must be a domain name such as example.com (no @, no spaces)',
    hi: 'example.com जैसा डोमेन नाम होना चाहिए (@ या स्पेस के बिना)',
  },
  no_such_organisation: {
    en: 'names an organisation that does not exist',
    hi: 'ऐसे संगठन को दर्शाता है जो मौजूद नहीं है',
  },
  target_minutes: {
    en: 'must be a whole number of minutes from 1 to 525600 (a year)',
    hi: '1 से 525600 (एक वर्ष) तक मिनटों की पूर्ण संख्या होनी चाहिए',
  },
  every_policy_once: {
    en: 'must list every SLA policy exactly once',
    hi: 'में हर SLA नीति ठीक एक बार होनी चाहिए',
  },
  reason_length: {
    en: 'must say why in 3 to 500 characters',
    hi: 'में 3 से 500 अक्षरों में कारण लिखना ज़रूरी है',
  },
  tier_range: {
    en: 'must be a whole number from 1 (first line, L1) to 9',
    hi: '1 (पहली पंक्ति, L1) से 9 तक की पूर्ण संख्या होनी चाहिए',
  },
  no_higher_tier: {
    en: "has nowhere to go: no team has a higher support tier than this ticket's team (give a team a higher tier under Teams)",
    hi: 'आगे कहीं नहीं जा सकता: किसी भी टीम का सहायता स्तर इस टिकट की टीम से ऊँचा नहीं है (टीम सेटिंग में किसी टीम को ऊँचा स्तर दें)',
  },
  not_higher_tier: {
    en: "must name a team of a higher support tier than the ticket's team",
    hi: 'ऐसी टीम होनी चाहिए जिसका सहायता स्तर टिकट की टीम से ऊँचा हो',
  },
  rule_needs_timing: {
    en: 'needs a time condition: minutes unassigned, minutes without a reply, or an SLA target breached',
    hi: 'में समय की एक शर्त ज़रूरी है: कितने मिनट बिना असाइनी, कितने मिनट बिना उत्तर, या SLA लक्ष्य का उल्लंघन',
  },
  rule_needs_action: {
    en: 'needs at least one action: notify the lead, escalate, or raise the priority',
    hi: 'में कम से कम एक कार्रवाई ज़रूरी है: लीड को सूचित करना, एस्केलेट करना, या प्राथमिकता बढ़ाना',
  },
  no_such_report: {
    en: 'names a saved report that does not exist or that you cannot open',
    hi: 'ऐसी सहेजी गई रिपोर्ट को दर्शाता है जो मौजूद नहीं है या जिसे आप नहीं खोल सकते',
  },
  unknown_placeholder: {
    en: 'uses a placeholder that does not exist (details.placeholders names it; details.allowed lists those that do)',
    hi: 'ऐसे प्लेसहोल्डर का उपयोग करता है जो मौजूद नहीं है (details.placeholders में उसका नाम है; details.allowed में मौजूद प्लेसहोल्डर हैं)',
  },
  macro_empty: {
    en: 'needs at least one action or a reply text',
    hi: 'में कम से कम एक कार्रवाई या उत्तर का पाठ होना चाहिए',
  },
  action_repeated: {
    en: 'sets something an earlier action already sets',
    hi: 'वही चीज़ सेट करता है जो पहले की कोई कार्रवाई पहले से सेट करती है',
  },
  no_current_user: {
    en: 'cannot be "current user": a trigger or time rule runs without anyone at the keyboard; name an agent',
    hi: '"वर्तमान उपयोगकर्ता" नहीं हो सकता: ट्रिगर या समय नियम बिना किसी व्यक्ति के चलता है; किसी एजेंट का नाम चुनें',
  },
  actions_required: {
    en: 'needs at least one action: a change to the ticket, a notice, an email or a webhook',
    hi: 'में कम से कम एक कार्रवाई होनी चाहिए: टिकट में बदलाव, सूचना, ईमेल या वेबहुक',
  },
  notify_nobody: {
    en: 'needs at least one recipient: the assignee, the team lead or a named user',
    hi: 'में कम से कम एक प्राप्तकर्ता होना चाहिए: असाइनी, टीम लीड या कोई चुना हुआ उपयोगकर्ता',
  },
  email_empty: {
    en: 'needs a subject and a text in at least one language',
    hi: 'में कम से कम एक भाषा में विषय और पाठ होना चाहिए',
  },
  webhook_url: {
    en: 'must be a web address starting with http:// or https:// (without a user name or password)',
    hi: 'http:// या https:// से शुरू होने वाला वेब पता होना चाहिए (बिना उपयोगकर्ता नाम या पासवर्ड के)',
  },
  webhook_private_target: {
    en: 'points at this server or a private network; an admin must allow private webhook targets in the settings first',
    hi: 'इस सर्वर या किसी निजी नेटवर्क की ओर इशारा करता है; पहले किसी एडमिन को सेटिंग्स में निजी वेबहुक लक्ष्यों की अनुमति देनी होगी',
  },
  conditions_required: {
    en: 'needs at least one condition, so the rule does not act on every ticket',
    hi: 'में कम से कम एक शर्त होनी चाहिए, ताकि नियम हर टिकट पर न चले',
  },
  trigger_only: {
    en: 'is a condition about a change as it happens; a time rule cannot use it',
    hi: 'किसी बदलाव के होते समय की शर्त है; समय नियम इसका उपयोग नहीं कर सकता',
  },
  every_rule_once: {
    en: 'must list every rule exactly once',
    hi: 'में हर नियम ठीक एक बार होना चाहिए',
  },
  no_such_attachment: {
    en: 'names an attachment that does not exist or is already used',
    hi: 'ऐसे अनुलग्नक को दर्शाता है जो मौजूद नहीं है या पहले ही उपयोग हो चुका है',
  },
  email_format: {
    en: 'must be an email address such as support@example.com',
    hi: 'support@example.com जैसा ईमेल पता होना चाहिए',
  },
  host_format: {
    en: 'must be a host name or IP address such as imap.example.com, without imap:// and without a port',
    hi: 'imap.example.com जैसा होस्ट नाम या IP पता होना चाहिए, imap:// और पोर्ट के बिना',
  },
  survey_scale_csat: {
    en: 'must be a whole number from 1 (very dissatisfied) to 5 (very satisfied)',
    hi: '1 (बहुत असंतुष्ट) से 5 (बहुत संतुष्ट) तक की पूर्ण संख्या होनी चाहिए',
  },
  survey_scale_nps: {
    en: 'must be a whole number from 0 to 10',
    hi: '0 से 10 तक की पूर्ण संख्या होनी चाहिए',
  },
  default_required: {
    en: 'cannot be switched off: one address is always the default; make another one the default instead',
    hi: 'बंद नहीं किया जा सकता: एक पता हमेशा डिफ़ॉल्ट रहता है; इसके बजाय किसी दूसरे पते को डिफ़ॉल्ट बनाएँ',
  },
} as const satisfies Record<string, { en: string; hi: string }>;

export type FieldMessageKey = keyof typeof fieldMessages;

export function isFieldMessageKey(key: unknown): key is FieldMessageKey {
  return typeof key === 'string' && Object.hasOwn(fieldMessages, key);
}

/** A 400 validation_failed about one field, with a message key from fieldMessages. */
export function fieldError(field: string, key: FieldMessageKey, code: ErrorCode = 'validation_failed'): AppError {
  return new AppError(code, { fields: { [field]: key } });
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
    /** Extra HTTP headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(errorCodes[code].en);
    this.name = 'AppError';
    this.status = errorCodes[code].status;
  }
}

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return errorCodes[code][locale];
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

export function errorBody(code: ErrorCode, locale: Locale, details?: Record<string, unknown>): ErrorBody {
  const fields = details?.fields as Record<string, string> | undefined;
  const localized = fields
    ? {
        ...details,
        fields: Object.fromEntries(
          Object.entries(fields).map(([k, v]) => [k, isFieldMessageKey(v) ? fieldMessages[v][locale] : v]),
        ),
      }
    : details;
  return { error: { code, message: errorMessage(code, locale), ...(localized ? { details: localized } : {}) } };
}
