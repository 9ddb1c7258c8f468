// What the generated bench tickets say (gen-tickets.mjs): support topics of an Indian online shop, with
// subject and message templates in English and Hindi. `{name}`-style variables are filled per ticket,
// so the words vary in frequency: topic words are common ("order", "refund", "ऑर्डर", "रिफंड"),
// products, cities and courier names are less common, order and invoice numbers are unique.
// Texts hold no characters that HTML would escape (& < > " '), so the generator can build the
// stored HTML and its plain text directly; gen-tickets.mjs checks a sample against the server's
// sanitizeHtml/htmlToText anyway.

export const products = [
  {
    value: 'cricket_bat',
    labelEn: 'Cricket bat',
    labelHi: 'क्रिकेट बैट',
    en: 'Kashmir willow cricket bat',
    hi: 'कश्मीर विलो क्रिकेट बैट',
  },
  { value: 'football', labelEn: 'Football', labelHi: 'फ़ुटबॉल', en: 'size 5 football', hi: 'फ़ुटबॉल' },
  { value: 'running_shoes', labelEn: 'Running shoes', labelHi: 'रनिंग शूज़', en: 'running shoes', hi: 'रनिंग शूज़' },
  { value: 'yoga_mat', labelEn: 'Yoga mat', labelHi: 'योगा मैट', en: 'yoga mat', hi: 'योगा मैट' },
  {
    value: 'badminton_racket',
    labelEn: 'Badminton racket',
    labelHi: 'बैडमिंटन रैकेट',
    en: 'badminton racket',
    hi: 'बैडमिंटन रैकेट',
  },
  { value: 'fitness_band', labelEn: 'Fitness band', labelHi: 'फ़िटनेस बैंड', en: 'fitness band', hi: 'फ़िटनेस बैंड' },
  { value: 'smart_watch', labelEn: 'Smart watch', labelHi: 'स्मार्टवॉच', en: 'smart watch', hi: 'स्मार्टवॉच' },
  { value: 'treadmill', labelEn: 'Treadmill', labelHi: 'ट्रेडमिल', en: 'folding treadmill', hi: 'फोल्डिंग ट्रेडमिल' },
  { value: 'cycle', labelEn: 'Bicycle', labelHi: 'साइकिल', en: 'geared bicycle', hi: 'गियर वाली साइकिल' },
  { value: 'dumbbells', labelEn: 'Dumbbells', labelHi: 'डंबल', en: 'pair of dumbbells', hi: 'डंबल की जोड़ी' },
  { value: 'tracksuit', labelEn: 'Tracksuit', labelHi: 'ट्रैकसूट', en: 'cotton tracksuit', hi: 'सूती ट्रैकसूट' },
  {
    value: 'water_bottle',
    labelEn: 'Water bottle',
    labelHi: 'पानी की बोतल',
    en: 'steel water bottle',
    hi: 'स्टील की पानी की बोतल',
  },
];

export const cities = [
  ['Mumbai', 'मुंबई'],
  ['Delhi', 'दिल्ली'],
  ['Bengaluru', 'बेंगलुरु'],
  ['Hyderabad', 'हैदराबाद'],
  ['Chennai', 'चेन्नई'],
  ['Kolkata', 'कोलकाता'],
  ['Pune', 'पुणे'],
  ['Jaipur', 'जयपुर'],
  ['Lucknow', 'लखनऊ'],
  ['Kanpur', 'कानपुर'],
  ['Nagpur', 'नागपुर'],
  ['Indore', 'इंदौर'],
  ['Bhopal', 'भोपाल'],
  ['Patna', 'पटना'],
  ['Varanasi', 'वाराणसी'],
  ['Agra', 'आगरा'],
  ['Surat', 'सूरत'],
  ['Ahmedabad', 'अहमदाबाद'],
  ['Chandigarh', 'चंडीगढ़'],
  ['Dehradun', 'देहरादून'],
];

export const couriers = ['BlueDart', 'Delhivery', 'Ecom Express', 'DTDC', 'India Post', 'Xpressbees'];

/**
 * Topics: the team that handles them, the tags they get, the ticket type, and texts.
 * subject / open: the customer's first message; follow: later customer messages; reply: agent
 * replies; solve: the agent's last reply; note: internal notes.
 */
export const topics = [
  {
    key: 'late_delivery',
    team: 0,
    type: 'question',
    tags: ['delivery', 'courier'],
    subject: {
      en: ['Order {order} not delivered yet', 'Where is my {product}?', 'Delivery delayed for order {order}'],
      hi: ['ऑर्डर {order} अभी तक नहीं मिला', 'मेरा {product} कहाँ है?', 'ऑर्डर {order} की डिलीवरी में देरी'],
    },
    open: {
      en: [
        'Hello, I ordered a {product} on {date} (order {order}) and it still has not arrived in {city}. The tracking page has not changed for {days} days. Please tell me when it will be delivered.',
        'Hi team, my order {order} was supposed to reach me by {date}. The courier {courier} says it is in transit but nobody has called me. Can you check?',
        'I am still waiting for my {product}. Order number {order}. I paid {amount} rupees in advance and there is no update on the delivery status.',
      ],
      hi: [
        'नमस्ते, मैंने {date} को {product} ऑर्डर किया था (ऑर्डर {order}) और अभी तक {city} में डिलीवरी नहीं हुई है। ट्रैकिंग {days} दिन से नहीं बदली। कृपया बताइए कब मिलेगा।',
        'मेरा ऑर्डर {order} {date} तक आना था। कूरियर {courier} कह रहा है कि रास्ते में है पर किसी ने फ़ोन नहीं किया। कृपया जाँच करें।',
        'मैं अभी भी अपने {product} का इंतज़ार कर रहा हूँ। ऑर्डर नंबर {order} है। मैंने {amount} रुपये पहले ही दे दिए हैं और डिलीवरी की कोई जानकारी नहीं है।',
      ],
    },
    follow: {
      en: [
        'Any update on this? It has been {days} more days and the parcel is still not here.',
        'The courier came today but I was not at home. Can they try again tomorrow after 5 pm?',
        'Thanks, the tracking now shows out for delivery.',
      ],
      hi: [
        'इस पर कोई अपडेट? {days} दिन और हो गए और पार्सल अभी भी नहीं आया।',
        'कूरियर आज आया था पर मैं घर पर नहीं था। क्या कल शाम 5 बजे के बाद दोबारा भेज सकते हैं?',
        'धन्यवाद, ट्रैकिंग में अब आउट फ़ॉर डिलीवरी दिख रहा है।',
      ],
    },
    reply: {
      en: [
        'Hi {name}, sorry for the delay. I have raised the shipment {awb} with {courier} and asked them to deliver it within 2 working days.',
        'Hello {name}, I checked order {order}: it is at the {city} hub. The courier will call you before delivery.',
      ],
      hi: [
        'नमस्ते {name}, देरी के लिए माफ़ी चाहते हैं। मैंने शिपमेंट {awb} के लिए {courier} से बात की है, 2 कार्य दिवस में डिलीवरी हो जाएगी।',
        'नमस्ते {name}, मैंने ऑर्डर {order} देखा: यह {city} हब में है। डिलीवरी से पहले कूरियर आपको फ़ोन करेगा।',
      ],
    },
    solve: {
      en: ['Glad the {product} reached you, {name}. I am closing this ticket; reply here if anything else comes up.'],
      hi: ['खुशी है कि {product} आप तक पहुँच गया, {name}। मैं यह टिकट बंद कर रहा हूँ; कुछ और हो तो यहीं जवाब दें।'],
    },
    note: {
      en: [
        'Escalated to {courier} account manager, AWB {awb}.',
        'Customer called twice about this, please prioritise.',
      ],
      hi: ['{courier} के अकाउंट मैनेजर को भेजा, AWB {awb}।', 'ग्राहक ने इस बारे में दो बार फ़ोन किया, कृपया प्राथमिकता दें।'],
    },
  },
  {
    key: 'refund',
    team: 1,
    type: 'return',
    tags: ['refund'],
    subject: {
      en: [
        'Refund not received for order {order}',
        'Refund status for returned {product}',
        'When will I get my refund?',
      ],
      hi: ['ऑर्डर {order} का रिफंड नहीं मिला', 'लौटाए गए {product} का रिफंड कब मिलेगा', 'मेरा रिफ़ंड कब आएगा?'],
    },
    open: {
      en: [
        'I returned the {product} from order {order} on {date} but the refund of {amount} rupees has not reached my account yet.',
        'Your pickup agent collected the {product} {days} days ago. Please process my refund to the original payment method.',
        'The refund for order {order} shows as processed but my bank says nothing has come in. Please share the UTR number.',
      ],
      hi: [
        'मैंने ऑर्डर {order} का {product} {date} को वापस कर दिया था पर {amount} रुपये का रिफंड अभी तक खाते में नहीं आया।',
        'आपके पिकअप एजेंट ने {days} दिन पहले {product} ले लिया था। कृपया मेरा रिफंड उसी भुगतान तरीके में भेजें।',
        'ऑर्डर {order} का रिफ़ंड प्रोसेस्ड दिख रहा है पर बैंक कह रहा है कुछ नहीं आया। कृपया UTR नंबर भेजें।',
      ],
    },
    follow: {
      en: [
        'Still no refund in my account. It has been {days} days.',
        'I got the money today, thank you.',
        'Can I get store credit instead of a refund?',
      ],
      hi: [
        'अभी भी खाते में रिफंड नहीं आया। {days} दिन हो गए।',
        'आज पैसे मिल गए, धन्यवाद।',
        'क्या रिफंड की जगह स्टोर क्रेडिट मिल सकता है?',
      ],
    },
    reply: {
      en: [
        'Hi {name}, your refund of {amount} rupees for order {order} was initiated today. Banks take 5 to 7 working days to show it.',
        'Hello {name}, the returned {product} passed the quality check, so the refund is on its way. Reference {ref}.',
      ],
      hi: [
        'नमस्ते {name}, ऑर्डर {order} के {amount} रुपये का रिफंड आज शुरू कर दिया गया है। बैंक में दिखने में 5 से 7 कार्य दिवस लगते हैं।',
        'नमस्ते {name}, लौटाया गया {product} जाँच में ठीक पाया गया, रिफंड भेज दिया गया है। संदर्भ {ref}।',
      ],
    },
    solve: {
      en: ['The refund for order {order} is complete, {name}. Thank you for your patience.'],
      hi: ['ऑर्डर {order} का रिफंड पूरा हो गया है, {name}। धैर्य के लिए धन्यवाद।'],
    },
    note: {
      en: ['Refund approved by finance, reference {ref}.', 'Return pickup confirmed by warehouse {city}.'],
      hi: ['फ़ाइनेंस ने रिफंड मंज़ूर किया, संदर्भ {ref}।', '{city} वेयरहाउस ने वापसी पिकअप की पुष्टि की।'],
    },
  },
  {
    key: 'damaged',
    team: 1,
    type: 'return',
    tags: ['damaged', 'return'],
    subject: {
      en: [
        'Received a damaged {product}',
        'Wrong item delivered in order {order}',
        'Broken {product}, need replacement',
      ],
      hi: ['टूटा हुआ {product} मिला', 'ऑर्डर {order} में गलत सामान आया', '{product} खराब है, बदलना है'],
    },
    open: {
      en: [
        'The {product} I received today is damaged, the box was torn and the item is cracked. Order {order}. I want a replacement.',
        'I ordered a {product} but received something else. Order {order}, delivered in {city} on {date}.',
        'The {product} stopped working after {days} days. Is it covered by warranty? Invoice {invoice}.',
      ],
      hi: [
        'आज जो {product} मिला वह खराब है, डिब्बा फटा हुआ था और सामान टूटा है। ऑर्डर {order}। मुझे बदलकर चाहिए।',
        'मैंने {product} मँगाया था पर कुछ और आ गया। ऑर्डर {order}, {date} को {city} में डिलीवर हुआ।',
        '{product} {days} दिन बाद ही बंद हो गया। क्या यह वारंटी में है? इनवॉइस {invoice}।',
      ],
    },
    follow: {
      en: [
        'I have attached photos of the damage.',
        'The replacement also looks used. What can be done?',
        'Replacement received, it works fine.',
      ],
      hi: [
        'मैंने खराबी की फ़ोटो भेज दी हैं।',
        'बदला हुआ सामान भी इस्तेमाल किया हुआ लग रहा है। क्या किया जा सकता है?',
        'बदला हुआ सामान मिल गया, ठीक काम कर रहा है।',
      ],
    },
    reply: {
      en: [
        'Sorry about this, {name}. I have booked a free pickup for the damaged {product} and a replacement will ship once it is collected.',
        'Hi {name}, the {product} is under warranty until {date}. I have created service request {ref}.',
      ],
      hi: [
        'इसके लिए माफ़ी, {name}। खराब {product} का मुफ़्त पिकअप बुक कर दिया है, उसके बाद नया सामान भेजा जाएगा।',
        'नमस्ते {name}, {product} {date} तक वारंटी में है। मैंने सर्विस रिक्वेस्ट {ref} बना दी है।',
      ],
    },
    solve: {
      en: ['The replacement {product} has been delivered, {name}. Closing this request.'],
      hi: ['नया {product} डिलीवर हो गया है, {name}। यह अनुरोध बंद कर रहे हैं।'],
    },
    note: {
      en: ['Photos confirm transit damage, claim filed with {courier}.', 'Warranty check done, serial number valid.'],
      hi: ['फ़ोटो से रास्ते में नुकसान साफ़ है, {courier} पर क्लेम किया।', 'वारंटी जाँच हो गई, सीरियल नंबर सही है।'],
    },
  },
  {
    key: 'payment',
    team: 3,
    type: 'incident',
    tags: ['payment', 'billing'],
    subject: {
      en: ['Payment deducted but order not placed', 'Charged twice for order {order}', 'UPI payment failed'],
      hi: ['पैसे कट गए पर ऑर्डर नहीं हुआ', 'ऑर्डर {order} के लिए दो बार पैसे कटे', 'UPI भुगतान असफल'],
    },
    open: {
      en: [
        'My account was debited {amount} rupees on {date} but I did not get an order confirmation. Transaction id {ref}.',
        'I was charged twice for order {order}. Please refund the extra payment.',
        'UPI payment keeps failing at the last step, but money is deducted from my bank. What should I do?',
      ],
      hi: [
        'मेरे खाते से {date} को {amount} रुपये कट गए पर ऑर्डर की पुष्टि नहीं आई। ट्रांज़ैक्शन आईडी {ref}।',
        'ऑर्डर {order} के लिए मुझसे दो बार पैसे लिए गए। कृपया अतिरिक्त भुगतान वापस करें।',
        'UPI भुगतान आखिरी चरण में असफल हो जाता है पर बैंक से पैसे कट जाते हैं। क्या करूँ?',
      ],
    },
    follow: {
      en: [
        'I have shared the bank statement.',
        'The amount is back in my account now.',
        'Can you send a GST invoice for this payment?',
      ],
      hi: ['मैंने बैंक स्टेटमेंट भेज दिया है।', 'पैसे अब खाते में वापस आ गए हैं।', 'क्या इस भुगतान का GST बिल भेज सकते हैं?'],
    },
    reply: {
      en: [
        'Hi {name}, the payment gateway shows the transaction {ref} as pending. It will be reversed automatically within 48 hours.',
        'Hello {name}, I found the duplicate charge and started a reversal of {amount} rupees.',
      ],
      hi: [
        'नमस्ते {name}, पेमेंट गेटवे में ट्रांज़ैक्शन {ref} लंबित है। 48 घंटे में अपने आप वापस हो जाएगा।',
        'नमस्ते {name}, दोहरा भुगतान मिल गया, {amount} रुपये वापस करने की प्रक्रिया शुरू कर दी है।',
      ],
    },
    solve: {
      en: ['The reversal is complete and your invoice {invoice} is attached, {name}.'],
      hi: ['पैसे वापस हो गए हैं और आपका बिल {invoice} संलग्न है, {name}।'],
    },
    note: {
      en: ['Gateway ticket {ref} raised with Razorpay.', 'Finance confirmed duplicate capture.'],
      hi: ['Razorpay पर गेटवे टिकट {ref} बनाया।', 'फ़ाइनेंस ने दोहरे भुगतान की पुष्टि की।'],
    },
  },
  {
    key: 'login',
    team: 2,
    type: 'incident',
    tags: ['account', 'login'],
    subject: {
      en: ['Cannot log in to my account', 'OTP not received', 'Password reset link not working'],
      hi: ['अकाउंट में लॉगिन नहीं हो रहा', 'OTP नहीं आ रहा', 'पासवर्ड रीसेट लिंक काम नहीं कर रहा'],
    },
    open: {
      en: [
        'I cannot log in to my account since {date}. The app says invalid password even after I reset it.',
        'The OTP for login never arrives on my phone. I tried {days} times today.',
        'The password reset link in your email says expired as soon as I open it.',
      ],
      hi: [
        '{date} से मैं अपने अकाउंट में लॉगिन नहीं कर पा रहा। पासवर्ड बदलने के बाद भी ऐप गलत पासवर्ड बताता है।',
        'लॉगिन का OTP मेरे फ़ोन पर कभी नहीं आता। आज {days} बार कोशिश की।',
        'ईमेल में आया पासवर्ड रीसेट लिंक खोलते ही एक्सपायर बताता है।',
      ],
    },
    follow: {
      en: [
        'Still the same problem on the Android app.',
        'It worked on the website, thanks.',
        'I am using version 4.2 of the app.',
      ],
      hi: ['Android ऐप पर अभी भी वही समस्या है।', 'वेबसाइट पर हो गया, धन्यवाद।', 'मैं ऐप का 4.2 वर्शन इस्तेमाल कर रहा हूँ।'],
    },
    reply: {
      en: [
        'Hi {name}, your account was locked after several failed attempts. I have unlocked it; please try again.',
        'Hello {name}, please update the app to the latest version and clear its cache, then request a new OTP.',
      ],
      hi: [
        'नमस्ते {name}, कई गलत कोशिशों के बाद आपका अकाउंट लॉक हो गया था। मैंने अनलॉक कर दिया है, फिर से कोशिश करें।',
        'नमस्ते {name}, कृपया ऐप को नए वर्शन में अपडेट करें, कैश साफ़ करें और नया OTP माँगें।',
      ],
    },
    solve: {
      en: ['Good to hear you can log in again, {name}.'],
      hi: ['अच्छा लगा कि आप फिर से लॉगिन कर पा रहे हैं, {name}।'],
    },
    note: {
      en: ['SMS provider had an outage on {date}.', 'Account unlocked, MFA reset.'],
      hi: ['{date} को SMS प्रदाता में खराबी थी।', 'अकाउंट अनलॉक किया, MFA रीसेट किया।'],
    },
  },
  {
    key: 'invoice',
    team: 3,
    type: 'question',
    tags: ['invoice', 'billing'],
    subject: {
      en: ['Need GST invoice for order {order}', 'Wrong billing address on invoice {invoice}', 'Invoice copy required'],
      hi: ['ऑर्डर {order} का GST बिल चाहिए', 'बिल {invoice} में गलत पता', 'बिल की कॉपी चाहिए'],
    },
    open: {
      en: [
        'Please send me the GST invoice for order {order}. Our company GSTIN must be on it.',
        'The billing address on invoice {invoice} is wrong. It should be our {city} office.',
        'I need a copy of the invoice for the {product} I bought on {date} for reimbursement.',
      ],
      hi: [
        'कृपया ऑर्डर {order} का GST बिल भेजें। उस पर हमारी कंपनी का GSTIN होना चाहिए।',
        'बिल {invoice} में बिलिंग पता गलत है। यह हमारे {city} ऑफ़िस का होना चाहिए।',
        '{date} को खरीदे {product} के बिल की कॉपी चाहिए, ऑफ़िस से पैसे वापस लेने हैं।',
      ],
    },
    follow: {
      en: ['The GSTIN is still missing on the new copy.', 'Received, thank you.'],
      hi: ['नई कॉपी में भी GSTIN नहीं है।', 'मिल गया, धन्यवाद।'],
    },
    reply: {
      en: [
        'Hi {name}, I have attached the corrected invoice {invoice} with your GSTIN.',
        'Hello {name}, the invoice for order {order} is attached.',
      ],
      hi: ['नमस्ते {name}, आपके GSTIN के साथ सुधारा हुआ बिल {invoice} संलग्न है।', 'नमस्ते {name}, ऑर्डर {order} का बिल संलग्न है।'],
    },
    solve: {
      en: ['Happy to help with the invoice, {name}.'],
      hi: ['बिल में मदद करके खुशी हुई, {name}।'],
    },
    note: {
      en: ['Invoice regenerated in the ERP.'],
      hi: ['ERP में बिल दोबारा बनाया।'],
    },
  },
  {
    key: 'bulk_order',
    team: 0,
    type: 'task',
    tags: ['bulk-order', 'b2b'],
    subject: {
      en: ['Bulk order of {product} for our school', 'Quotation for 200 {product} units', 'Corporate order enquiry'],
      hi: ['स्कूल के लिए {product} का थोक ऑर्डर', '200 {product} का कोटेशन चाहिए', 'कंपनी के लिए ऑर्डर की जानकारी'],
    },
    open: {
      en: [
        'We want to order 150 {product} units for our school sports day in {city}. Please share a quotation and delivery time.',
        'Our company needs {product} for 200 employees. Do you offer a corporate discount?',
      ],
      hi: [
        'हमें {city} में स्कूल के खेल दिवस के लिए 150 {product} चाहिए। कृपया कोटेशन और डिलीवरी का समय बताएं।',
        'हमारी कंपनी को 200 कर्मचारियों के लिए {product} चाहिए। क्या कॉर्पोरेट छूट मिलती है?',
      ],
    },
    follow: {
      en: ['Can you deliver before {date}?', 'We accept the quotation, please send the proforma invoice.'],
      hi: ['क्या {date} से पहले डिलीवरी हो सकती है?', 'कोटेशन मंज़ूर है, कृपया प्रोफ़ॉर्मा बिल भेजें।'],
    },
    reply: {
      en: [
        'Hi {name}, the quotation {ref} for the {product} order is attached, valid for 15 days.',
        'Hello {name}, we can deliver the bulk order to {city} within 10 days.',
      ],
      hi: [
        'नमस्ते {name}, {product} के ऑर्डर का कोटेशन {ref} संलग्न है, 15 दिन तक मान्य।',
        'नमस्ते {name}, हम 10 दिन में {city} में थोक ऑर्डर पहुँचा सकते हैं।',
      ],
    },
    solve: {
      en: ['The bulk order {order} is confirmed, {name}. Our sales team will stay in touch.'],
      hi: ['थोक ऑर्डर {order} पक्का हो गया है, {name}। हमारी सेल्स टीम संपर्क में रहेगी।'],
    },
    note: {
      en: ['Sales approved 12 percent discount.'],
      hi: ['सेल्स ने 12 प्रतिशत छूट मंज़ूर की।'],
    },
  },
  {
    key: 'app_bug',
    team: 2,
    type: 'problem',
    tags: ['app', 'bug'],
    subject: {
      en: ['App crashes when I open my cart', 'Checkout page not loading', 'Cannot apply coupon code'],
      hi: ['कार्ट खोलते ही ऐप बंद हो जाता है', 'चेकआउट पेज नहीं खुल रहा', 'कूपन कोड लागू नहीं हो रहा'],
    },
    open: {
      en: [
        'The app crashes every time I open my cart. Phone model Redmi Note, app version 4.2.',
        'The checkout page keeps loading forever since {date}.',
        'Coupon code FIT{days}0 says invalid even though the offer is still on.',
      ],
      hi: [
        'कार्ट खोलते ही ऐप हर बार बंद हो जाता है। फ़ोन Redmi Note, ऐप वर्शन 4.2।',
        '{date} से चेकआउट पेज लोड ही होता रहता है।',
        'कूपन कोड FIT{days}0 अमान्य बताता है जबकि ऑफ़र अभी चालू है।',
      ],
    },
    follow: {
      en: ['After the update it works.', 'Same error on the website too.'],
      hi: ['अपडेट के बाद ठीक चल रहा है।', 'वेबसाइट पर भी यही गलती आ रही है।'],
    },
    reply: {
      en: [
        'Hi {name}, thanks for the report. Our developers have found the bug and a fix ships in the next app update.',
        'Hello {name}, the coupon has been applied manually to your order {order}.',
      ],
      hi: [
        'नमस्ते {name}, बताने के लिए धन्यवाद। हमारे डेवलपर को बग मिल गया है, अगले ऐप अपडेट में ठीक हो जाएगा।',
        'नमस्ते {name}, कूपन आपके ऑर्डर {order} पर हाथ से लागू कर दिया गया है।',
      ],
    },
    solve: {
      en: ['The fix is live, {name}. Thanks for helping us find it.'],
      hi: ['सुधार लागू हो गया है, {name}। इसे ढूँढने में मदद के लिए धन्यवाद।'],
    },
    note: {
      en: ['Linked to engineering issue {ref}.', 'Reproduced on Android 13.'],
      hi: ['इंजीनियरिंग इश्यू {ref} से जोड़ा।', 'Android 13 पर समस्या दोहराई गई।'],
    },
  },
  {
    key: 'exchange',
    team: 1,
    type: 'return',
    tags: ['exchange', 'return'],
    subject: {
      en: ['Exchange {product} for a different size', 'Return request for order {order}', 'Size does not fit'],
      hi: ['{product} का साइज़ बदलना है', 'ऑर्डर {order} की वापसी', 'साइज़ सही नहीं है'],
    },
    open: {
      en: [
        'The {product} from order {order} is too small. Can I exchange it for a larger size?',
        'I want to return the {product}. It does not match the photos on the website.',
      ],
      hi: [
        'ऑर्डर {order} का {product} छोटा है। क्या बड़े साइज़ से बदल सकते हैं?',
        'मुझे {product} वापस करना है। यह वेबसाइट की फ़ोटो जैसा नहीं है।',
      ],
    },
    follow: {
      en: ['The pickup did not happen on {date}.', 'Got the new size, fits well.'],
      hi: ['{date} को पिकअप नहीं हुआ।', 'नया साइज़ मिल गया, सही है।'],
    },
    reply: {
      en: [
        'Hi {name}, I have scheduled a pickup for the exchange. The new {product} ships as soon as the old one is collected.',
        'Hello {name}, your return request {ref} is approved.',
      ],
      hi: [
        'नमस्ते {name}, बदलने के लिए पिकअप तय कर दिया है। पुराना सामान उठते ही नया {product} भेज देंगे।',
        'नमस्ते {name}, आपकी वापसी का अनुरोध {ref} मंज़ूर है।',
      ],
    },
    solve: {
      en: ['Your exchange is complete, {name}. Enjoy the {product}.'],
      hi: ['आपका सामान बदल दिया गया है, {name}। {product} का आनंद लें।'],
    },
    note: {
      en: ['Size chart for this product is misleading, flagged to catalogue team.'],
      hi: ['इस उत्पाद का साइज़ चार्ट भ्रामक है, कैटलॉग टीम को बताया।'],
    },
  },
  {
    key: 'feedback',
    team: 4,
    type: 'question',
    tags: ['feedback'],
    subject: {
      en: ['Great service from your delivery partner', 'Suggestion for the app', 'Complaint about rude courier'],
      hi: ['डिलीवरी पार्टनर की अच्छी सेवा', 'ऐप के लिए सुझाव', 'कूरियर के बुरे व्यवहार की शिकायत'],
    },
    open: {
      en: [
        'Just wanted to say the delivery person in {city} was very helpful. Thank you.',
        'It would be nice if the app showed delivery slots in the evening.',
        'The {courier} delivery person was rude and threw the parcel at my door.',
      ],
      hi: [
        'बस यह बताना था कि {city} में डिलीवरी वाले भैया ने बहुत मदद की। धन्यवाद।',
        'अच्छा होगा अगर ऐप में शाम के डिलीवरी स्लॉट भी दिखें।',
        '{courier} का डिलीवरी वाला बदतमीज़ था और पार्सल दरवाज़े पर फेंक गया।',
      ],
    },
    follow: {
      en: ['Thanks for the quick response.'],
      hi: ['जल्दी जवाब के लिए धन्यवाद।'],
    },
    reply: {
      en: [
        'Thank you for your feedback, {name}. I have shared it with the team.',
        'Hi {name}, we are sorry about this experience and have reported it to {courier}.',
      ],
      hi: [
        'आपके सुझाव के लिए धन्यवाद, {name}। मैंने टीम को बता दिया है।',
        'नमस्ते {name}, इस अनुभव के लिए खेद है, हमने {courier} को शिकायत भेज दी है।',
      ],
    },
    solve: {
      en: ['Thanks again, {name}.'],
      hi: ['फिर से धन्यवाद, {name}।'],
    },
    note: {
      en: ['Shared with the logistics team.'],
      hi: ['लॉजिस्टिक्स टीम को भेजा।'],
    },
  },
];

export const teamDefs = [
  { name: 'Orders and Delivery', description: 'Orders, delivery and bulk orders.', mode: 'round_robin' },
  { name: 'Returns and Refunds', description: 'Returns, exchanges, refunds and damaged items.', mode: 'fewest_open' },
  { name: 'Technical Support', description: 'Accounts, app and website problems.', mode: 'manual' },
  { name: 'Billing', description: 'Payments and invoices.', mode: 'round_robin' },
  { name: 'हिंदी सहायता', description: 'Hindi desk and feedback.', mode: 'manual' },
];

export const extraTags = [
  'vip',
  'repeat-customer',
  'social-media',
  'escalated',
  'festive-sale',
  'cod',
  'prepaid',
  'north',
  'south',
  'west',
];

export const firstNames = {
  en: [
    'Aarav',
    'Ananya',
    'Ishaan',
    'Diya',
    'Kabir',
    'Saanvi',
    'Vivaan',
    'Aditi',
    'Reyansh',
    'Myra',
    'Arnav',
    'Kiara',
    'Sara',
    'John',
    'Fatima',
    'Joseph',
    'Gurpreet',
    'Lakshmi',
    'Rahul',
    'Pooja',
    'Nikhil',
    'Sneha',
    'Harpreet',
    'Zoya',
    'Manish',
    'Priyanka',
    'Suresh',
    'Deepa',
    'Imran',
    'Anjali',
  ],
  hi: [
    'आरव',
    'अनन्या',
    'इशान',
    'दिया',
    'कबीर',
    'सान्वी',
    'विवान',
    'अदिति',
    'रेयांश',
    'मायरा',
    'अर्णव',
    'कियारा',
    'राहुल',
    'पूजा',
    'सुरेश',
    'दीपा',
    'मनीष',
    'प्रियंका',
    'अंजलि',
    'रमेश',
  ],
};
export const lastNames = {
  en: [
    'Patel',
    'Reddy',
    'Khan',
    'Das',
    'Joshi',
    'Menon',
    'Kaur',
    'Pillai',
    'Bose',
    'Chatterjee',
    'DSouza',
    'Mishra',
    'Sharma',
    'Verma',
    'Gupta',
    'Iyer',
    'Nair',
    'Singh',
    'Yadav',
    'Agarwal',
  ],
  hi: [
    'पटेल',
    'रेड्डी',
    'खान',
    'दास',
    'जोशी',
    'मेनन',
    'कौर',
    'मिश्रा',
    'शर्मा',
    'वर्मा',
    'गुप्ता',
    'सिंह',
    'यादव',
    'त्रिपाठी',
    'श्रीवास्तव',
  ],
};
export const orgWords = [
  'Ganga',
  'Shakti',
  'Annapurna',
  'Kaveri',
  'Himalaya',
  'Sagar',
  'Indus',
  'Lotus',
  'Narmada',
  'Surya',
  'Vayu',
  'Prithvi',
  'Chandra',
  'Tara',
  'Nilgiri',
  'Deccan',
  'Konark',
  'Meghdoot',
  'Saraswati',
  'Kalpataru',
  'Ajanta',
  'Ellora',
  'Thar',
  'Malabar',
  'Chola',
  'Vindhya',
  'Godavari',
  'Aravalli',
  'Yamuna',
  'Triveni',
];
export const orgKinds = [
  'Sports Club',
  'Academy',
  'Fitness',
  'School',
  'Traders',
  'Retail',
  'Gym',
  'Foundation',
  'Enterprises',
  'Outfitters',
];

/**
 * A new ticket as POST /api/v1/tickets takes it (JSON): a subject and first message from the
 * templates, in Hindi three times in ten; 80 % of requesters from `emails`, the rest new addresses.
 * `random`: the caller's generator (0 ≤ x < 1), so runs repeat.
 */
export function newTicketJson(emails, i, random) {
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const topic = pick(topics);
  const lang = random() < 0.3 ? 'hi' : 'en';
  const product = pick(products);
  const v = {
    name: pick(firstNames[lang]),
    order: `OD${5_000_000_000 + i}`,
    invoice: `INV${9_000_000 + i}`,
    product: product[lang],
    city: pick(cities)[lang === 'hi' ? 1 : 0],
    courier: pick(couriers),
    amount: String(Math.floor(random() * 5000) + 99),
    date: '12 March',
    days: '3',
    ref: `R${Math.floor(random() * 1e8)}`,
    awb: String(Math.floor(random() * 1e10)),
  };
  const fill = (tpl) => tpl.replace(/\{(\w+)\}/g, (_, k) => v[k] ?? '');
  const email = random() < 0.8 ? pick(emails) : `new.${process.pid}.${i}.${Math.floor(random() * 1e9)}@example.org`;
  return JSON.stringify({
    subject: fill(pick(topic.subject[lang])),
    requester: { email },
    message: { html: `<p>${fill(pick(topic.open[lang]))}</p>` },
  });
}
