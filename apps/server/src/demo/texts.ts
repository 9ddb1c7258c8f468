// What the demo tickets say: topics with message templates in English and Hindi, the products they are
// about and the custom fields that describe them. `{name}`-style variables are filled per ticket.
import type { TicketType } from '../platform/db/types.js';

export type Lang = 'en' | 'hi';
export type Texts = Record<Lang, readonly string[]>;

/** Hindi verb endings agree with the product's gender and number ({tuta} टूटा / टूटी / टूटे …). */
export type Gender = 'm' | 'f' | 'pl';

export interface Product {
  value: string;
  labelEn: string;
  labelHi: string;
  en: string;
  hi: string;
  gender: Gender;
  /** Price range in rupees. */
  price: readonly [number, number];
}

export const products: readonly Product[] = [
  {
    value: 'cricket_bat',
    labelEn: 'Cricket bat',
    labelHi: 'क्रिकेट बैट',
    en: 'Kashmir willow cricket bat',
    hi: 'कश्मीर विलो क्रिकेट बैट',
    gender: 'm',
    price: [1499, 4999],
  },
  {
    value: 'football',
    labelEn: 'Football',
    labelHi: 'फ़ुटबॉल',
    en: 'size 5 football',
    hi: 'फ़ुटबॉल (साइज़ 5)',
    gender: 'm',
    price: [699, 1899],
  },
  {
    value: 'running_shoes',
    labelEn: 'Running shoes',
    labelHi: 'रनिंग शूज़',
    en: 'running shoes',
    hi: 'रनिंग शूज़',
    gender: 'pl',
    price: [1999, 7999],
  },
  {
    value: 'yoga_mat',
    labelEn: 'Yoga mat',
    labelHi: 'योगा मैट',
    en: 'yoga mat',
    hi: 'योगा मैट',
    gender: 'm',
    price: [499, 1999],
  },
  {
    value: 'badminton_racket',
    labelEn: 'Badminton racket',
    labelHi: 'बैडमिंटन रैकेट',
    en: 'badminton racket',
    hi: 'बैडमिंटन रैकेट',
    gender: 'm',
    price: [899, 3999],
  },
  {
    value: 'fitness_band',
    labelEn: 'Fitness band',
    labelHi: 'फ़िटनेस बैंड',
    en: 'fitness band',
    hi: 'फ़िटनेस बैंड',
    gender: 'm',
    price: [1999, 4999],
  },
  {
    value: 'smart_watch',
    labelEn: 'Smart watch',
    labelHi: 'स्मार्टवॉच',
    en: 'smart watch',
    hi: 'स्मार्टवॉच',
    gender: 'f',
    price: [3999, 14_999],
  },
  {
    value: 'treadmill',
    labelEn: 'Treadmill',
    labelHi: 'ट्रेडमिल',
    en: 'home treadmill',
    hi: 'ट्रेडमिल',
    gender: 'f',
    price: [24_999, 59_999],
  },
  {
    value: 'cycle',
    labelEn: 'Geared cycle',
    labelHi: 'गियर वाली साइकिल',
    en: 'geared cycle',
    hi: 'गियर वाली साइकिल',
    gender: 'f',
    price: [8999, 24_999],
  },
];

export const genderForms: Record<Gender, Record<string, string>> = {
  m: { tuta: 'टूटा', hua: 'हुआ', pahucha: 'पहुँचा', gaya: 'गया', hai: 'है', raha: 'रहा', karta: 'करता' },
  f: { tuta: 'टूटी', hua: 'हुई', pahucha: 'पहुँची', gaya: 'गई', hai: 'है', raha: 'रही', karta: 'करती' },
  pl: { tuta: 'टूटे', hua: 'हुए', pahucha: 'पहुँचे', gaya: 'गए', hai: 'हैं', raha: 'रहे', karta: 'करते' },
};

export const components = [
  { value: 'app', labelEn: 'Mobile app', labelHi: 'मोबाइल ऐप' },
  { value: 'website', labelEn: 'Website', labelHi: 'वेबसाइट' },
  { value: 'payments', labelEn: 'Payments', labelHi: 'भुगतान' },
  { value: 'login', labelEn: 'Login', labelHi: 'लॉगिन' },
  { value: 'notifications', labelEn: 'Notifications', labelHi: 'सूचनाएँ' },
  { value: 'device_sync', labelEn: 'Device sync', labelHi: 'डिवाइस सिंक' },
  { value: 'invoices', labelEn: 'Invoices', labelHi: 'बिल' },
] as const;

/** The demo's custom fields, in the shape `seedFields` takes. */
export const demoFields = [
  {
    key: 'product',
    labelEn: 'Product',
    labelHi: 'उत्पाद',
    kind: 'dropdown' as const,
    options: products.map((p) => ({ value: p.value, labelEn: p.labelEn, labelHi: p.labelHi })),
    requiredOnSolve: false,
    position: 10,
  },
  {
    key: 'order_id',
    labelEn: 'Order ID',
    labelHi: 'ऑर्डर नंबर',
    kind: 'text' as const,
    options: [],
    requiredOnSolve: false,
    position: 20,
  },
  {
    key: 'warranty',
    labelEn: 'Under warranty',
    labelHi: 'वारंटी में है',
    kind: 'checkbox' as const,
    options: [],
    requiredOnSolve: false,
    position: 30,
  },
  {
    key: 'components',
    labelEn: 'Affected components',
    labelHi: 'प्रभावित हिस्से',
    kind: 'multiselect' as const,
    options: components.map((c) => ({ ...c })),
    requiredOnSolve: false,
    position: 40,
  },
];

export type TeamKey = 'care' | 'tech';

export interface Topic {
  key: string;
  team: TeamKey;
  /** How often customers write about it. */
  weight: number;
  types: readonly (readonly [TicketType, number])[];
  /** Tags a ticket may start with; `agentTags` are added by agents on triage. */
  tags: readonly string[];
  agentTags: readonly string[];
  /** Extra tag on Hindi tickets. */
  hiTag?: string;
  products: readonly string[];
  hasOrder: boolean;
  warranty?: boolean;
  components?: readonly string[];
  subject: Texts;
  opening: Texts;
  /** Agent asks for details (the ticket goes pending). */
  ask: Texts;
  /** Customer answers the ask. */
  info: Texts;
  /**
   * Agent's resolving reply. Subjects pair with openings and infos with asks by position; fixes pair
   * with the ask that came before, or with the opening when `fixFollowsOpening`.
   */
  fix: Texts;
  fixFollowsOpening?: boolean;
  holdReply: Texts;
  holdNote: Texts;
}

const shopProducts = ['cricket_bat', 'football', 'running_shoes', 'yoga_mat', 'badminton_racket', 'cycle', 'treadmill'];
const allProducts = products.map((p) => p.value);

export const topics: readonly Topic[] = [
  {
    key: 'delivery_delay',
    team: 'care',
    weight: 16,
    types: [
      ['question', 7],
      ['incident', 3],
    ],
    tags: ['delivery'],
    agentTags: ['delay', 'courier'],
    products: allProducts,
    hasOrder: true,
    subject: {
      en: [
        'Order {order} not delivered yet',
        'Where is my {product}?',
        'Delivery delayed – order {order}',
        'Tracking not updating for {order}',
      ],
      hi: ['ऑर्डर {order} अभी तक नहीं पहुँचा', 'मेरा ऑर्डर कहाँ है?', 'डिलीवरी में देरी – ऑर्डर {order}', 'ट्रैकिंग अपडेट नहीं हो रही'],
    },
    opening: {
      en: [
        'I ordered a {product} on {date} (order {order}) and it still hasn’t arrived. The app said it would be delivered by {eta}. Can you tell me where it is?',
        'Tracking for order {order} has shown “in transit” for {days} days now. I need the {product} before the weekend – please check with the courier.',
        'Hi, my order {order} was supposed to come yesterday but nobody turned up. The {courier} tracking number {awb} shows no update. What is going on?',
      ],
      hi: [
        'मैंने {date} को {product} का ऑर्डर दिया था (ऑर्डर {order}), लेकिन अभी तक डिलीवरी नहीं हुई। ऐप में {eta} तक पहुँचने की बात लिखी थी। कृपया बताइए कि मेरा सामान कहाँ है।',
        'ऑर्डर {order} की ट्रैकिंग पिछले {days} दिनों से “रास्ते में” ही दिखा रही है। मुझे यह सामान जल्दी चाहिए, कृपया कूरियर से पता कीजिए।',
        'नमस्ते, मेरा ऑर्डर {order} कल आना था पर कोई नहीं आया। {courier} का ट्रैकिंग नंबर {awb} भी अपडेट नहीं हो रहा। क्या हुआ है?',
      ],
    },
    ask: {
      en: [
        'Could you confirm the delivery address and a phone number the courier can reach you on? We’ll raise it with {courier} straight away.',
        'We’ve checked, and the parcel is at the {city} hub. Will someone be available to receive it tomorrow between 10 am and 6 pm?',
      ],
      hi: [
        'कृपया अपना डिलीवरी पता और ऐसा फ़ोन नंबर बताइए जिस पर कूरियर आपसे बात कर सके। हम तुरंत {courier} के साथ यह मामला उठाएँगे।',
        'हमने जाँच की है, आपका पार्सल {city} हब पर है। क्या कल सुबह 10 से शाम 6 बजे के बीच कोई इसे लेने के लिए घर पर रहेगा?',
      ],
    },
    info: {
      en: [
        'Yes, the address is correct. Please ask them to call me before coming, the gate is locked during the day.',
        'Someone will be home tomorrow. My alternate number is {phone}.',
      ],
      hi: [
        'हाँ, पता सही है। कृपया कूरियर वाले से कहिए कि आने से पहले फ़ोन कर लें, दिन में गेट बंद रहता है।',
        'कल घर पर कोई न कोई रहेगा। मेरा दूसरा नंबर {phone} है।',
      ],
    },
    fix: {
      en: [
        'Good news – {courier} has confirmed the parcel is out for delivery and should reach you by {eta}. You can follow it with tracking number {awb}.',
        'Your order {order} was delivered this afternoon. Please let us know if anything is missing or damaged.',
        'Sorry for the wait. The courier had mis-routed the parcel; it has been re-dispatched and will reach you within {days} days. We’ve added a free-delivery credit to your account.',
      ],
      hi: [
        'अच्छी ख़बर है – {courier} ने पुष्टि की है कि आपका पार्सल डिलीवरी के लिए निकल चुका है और {eta} तक पहुँच जाएगा। आप ट्रैकिंग नंबर {awb} से इसे देख सकते हैं।',
        'आपका ऑर्डर {order} आज दोपहर डिलीवर हो गया है। अगर कुछ कम या ख़राब हो तो हमें ज़रूर बताइए।',
        'देरी के लिए क्षमा चाहते हैं। कूरियर ने पार्सल ग़लत हब पर भेज दिया था; इसे दोबारा भेजा गया है और {days} दिनों में आप तक पहुँच जाएगा। आपके खाते में मुफ़्त डिलीवरी क्रेडिट जोड़ दिया गया है।',
      ],
    },
    holdReply: {
      en: [
        'We’ve opened an investigation with {courier}. It usually takes up to two working days; we’ll write as soon as we hear back.',
      ],
      hi: ['हमने {courier} के साथ जाँच शुरू कर दी है। इसमें आमतौर पर दो कार्यदिवस लगते हैं; जवाब मिलते ही हम आपको लिखेंगे।'],
    },
    holdNote: {
      en: ['Raised a trace request with {courier} for AWB {awb}; they promise an update within 48 hours.'],
      hi: ['{courier} के साथ AWB {awb} के लिए ट्रेस अनुरोध डाला है; 48 घंटे में जवाब का वादा किया है।'],
    },
  },
  {
    key: 'damaged_item',
    team: 'care',
    weight: 8,
    types: [
      ['incident', 4],
      ['return', 6],
    ],
    tags: ['damaged'],
    agentTags: ['courier', 'replacement'],
    products: shopProducts,
    hasOrder: true,
    warranty: true,
    subject: {
      en: ['{product} arrived damaged', 'Broken {product} in order {order}', 'Damaged parcel received'],
      hi: ['{product} {tuta} {hua} {pahucha}', 'ऑर्डर {order} में ख़राब सामान आया', 'पैकेट फटा हुआ मिला'],
    },
    opening: {
      en: [
        'The {product} from order {order} arrived today with a crack along the side. The box was torn as well. Photos attached – I’d like a replacement please.',
        'I opened the parcel and the {product} is broken. This was meant to be a birthday gift – very disappointed.',
        'My {product} was damaged in transit – one part is bent and it doesn’t work properly. Order {order}, paid {amount}.',
      ],
      hi: [
        'ऑर्डर {order} का {product} आज {tuta} {hua} {pahucha}। डिब्बा भी फटा हुआ था। फ़ोटो साथ में लगाई हैं। कृपया इसे बदल दीजिए।',
        'पार्सल खोलते ही देखा कि {product} {tuta} {hua} {hai}। यह जन्मदिन का तोहफ़ा था, बहुत निराशा हुई।',
        'रास्ते में {product} ख़राब हो {gaya} – एक हिस्सा मुड़ गया है और ठीक से काम नहीं {karta}। ऑर्डर {order}, भुगतान {amount}।',
      ],
    },
    ask: {
      en: [
        'Sorry to hear that. Could you send a photo of the product and of the shipping label so we can file a claim with the courier?',
        'Was the outer box damaged too? And would you prefer a replacement or a refund?',
      ],
      hi: [
        'यह जानकर दुख हुआ। कृपया सामान और पार्सल पर लगे लेबल की फ़ोटो भेजिए ताकि हम कूरियर के पास दावा दर्ज कर सकें।',
        'क्या बाहर का डिब्बा भी फटा हुआ था? और आप रिप्लेसमेंट चाहेंगे या रिफ़ंड?',
      ],
    },
    info: {
      en: [
        'Photos attached. The box was crushed on one corner. A replacement would be great.',
        'I’d prefer a refund, I’ve already bought another one locally.',
      ],
      hi: [
        'फ़ोटो भेज दी हैं। डिब्बा एक कोने से दबा हुआ था। रिप्लेसमेंट मिल जाए तो अच्छा रहेगा।',
        'मुझे रिफ़ंड चाहिए, दूसरा सामान बाज़ार से ले लिया है।',
      ],
    },
    fix: {
      en: [
        'We’ve arranged a free replacement: a new {product} ships today and the courier will collect the damaged one at the same time. New tracking number: {awb}.',
        'We’ve approved a full refund of {amount} to your original payment method. It should reflect within {refundDays} working days.',
      ],
      hi: [
        'हमने मुफ़्त रिप्लेसमेंट की व्यवस्था कर दी है: नया सामान आज भेजा जा रहा है और कूरियर उसी समय ख़राब सामान वापस ले जाएगा। नया ट्रैकिंग नंबर: {awb}।',
        'आपके {amount} का पूरा रिफ़ंड मंज़ूर हो गया है। यह {refundDays} कार्यदिवसों में आपके मूल भुगतान खाते में दिख जाएगा।',
      ],
    },
    holdReply: {
      en: [
        'We’ve filed a damage claim with the courier. Their team inspects within two working days, and then we’ll send your replacement.',
      ],
      hi: [
        'हमने कूरियर के पास नुकसान का दावा दर्ज कर दिया है। उनकी टीम दो कार्यदिवसों में जाँच करेगी, उसके बाद हम आपका रिप्लेसमेंट भेज देंगे।',
      ],
    },
    holdNote: {
      en: ['Damage claim filed with {courier}; waiting for their inspection before dispatching the replacement.'],
      hi: ['{courier} के पास नुकसान का दावा दर्ज किया; रिप्लेसमेंट भेजने से पहले उनकी जाँच का इंतज़ार है।'],
    },
  },
  {
    key: 'return_request',
    team: 'care',
    weight: 10,
    types: [['return', 1]],
    tags: ['return'],
    agentTags: ['refund', 'pickup'],
    hiTag: 'वापसी',
    products: shopProducts,
    hasOrder: true,
    subject: {
      en: ['Return request for order {order}', 'How do I return the {product}?', 'Want to return my {product}'],
      hi: ['ऑर्डर की वापसी कैसे करें?', 'ऑर्डर {order} वापस करना है', '{product} की वापसी का अनुरोध'],
    },
    opening: {
      en: [
        'I’d like to return the {product} from order {order}. It’s unused and still in the original packaging. How do I arrange a pickup?',
        'The {product} isn’t what I expected – the quality is not as shown in the pictures. Please help me return it and refund {amount}.',
        'Bought a {product} on {date} and changed my mind. Is it still within the return window?',
      ],
      hi: [
        'मुझे ऑर्डर {order} का {product} वापस करना है। इसे इस्तेमाल नहीं किया है और यह अभी भी असली पैकिंग में है। पिकअप कैसे होगा?',
        '{product} की क्वालिटी तस्वीरों जैसी नहीं है, बहुत हल्की है। कृपया वापसी करवाइए और {amount} लौटा दीजिए।',
        '{date} को {product} का ऑर्डर दिया था, अब मन बदल गया है। क्या अभी भी वापसी हो सकती है?',
      ],
    },
    ask: {
      en: [
        'Happy to help. Could you tell us the reason for the return and confirm the pickup address? Returns are accepted within 30 days of delivery.',
        'Before we schedule the pickup, please confirm the item still has all its tags and accessories.',
      ],
      hi: [
        'ज़रूर। कृपया वापसी की वजह बताइए और पिकअप का पता पक्का कीजिए। डिलीवरी के 30 दिनों के भीतर वापसी ली जाती है।',
        'पिकअप तय करने से पहले कृपया पुष्टि कीजिए कि सामान के साथ सारे टैग और एक्सेसरीज़ मौजूद हैं।',
      ],
    },
    info: {
      en: [
        'The reason is the size – it’s too small. Pickup from the same address is fine.',
        'Yes, all tags are on and the box is intact.',
      ],
      hi: ['साइज़ छोटा है, इसलिए वापस करना है। पिकअप उसी पते से कर लीजिए।', 'हाँ, सारे टैग लगे हैं और डिब्बा भी ठीक है।'],
    },
    fix: {
      en: [
        'Pickup is scheduled for {eta}. Once the item reaches our warehouse we’ll refund {amount} within {refundDays} working days.',
        'We’ve received the returned {product} and refunded {amount} to your original payment method.',
      ],
      hi: [
        'पिकअप {eta} को तय हो गया है। सामान गोदाम पहुँचते ही {refundDays} कार्यदिवसों में {amount} वापस कर दिए जाएँगे।',
        'आपका लौटाया हुआ सामान हमें मिल गया है और {amount} आपके मूल भुगतान खाते में वापस भेज दिए गए हैं।',
      ],
    },
    holdReply: {
      en: ['The pickup is booked. We’ll process the refund as soon as the item reaches our warehouse.'],
      hi: ['पिकअप बुक हो गया है। सामान गोदाम पहुँचते ही हम रिफ़ंड की प्रक्रिया शुरू कर देंगे।'],
    },
    holdNote: {
      en: ['Reverse pickup booked with {courier}, AWB {awb}. Refund once QC passes at Bhiwandi.'],
      hi: ['{courier} से रिवर्स पिकअप बुक किया, AWB {awb}। भिवंडी में QC पास होते ही रिफ़ंड करना है।'],
    },
  },
  {
    key: 'refund_status',
    team: 'care',
    weight: 10,
    types: [
      ['question', 6],
      ['incident', 4],
    ],
    tags: ['refund'],
    agentTags: ['payment', 'bank'],
    hiTag: 'रिफ़ंड',
    products: shopProducts,
    hasOrder: true,
    subject: {
      en: ['Refund not received yet', 'Where is my refund for {order}?', 'Refund of {amount} still pending'],
      hi: ['मेरा रिफ़ंड अभी तक नहीं आया', 'ऑर्डर {order} का रिफ़ंड कब मिलेगा?', '{amount} का रिफ़ंड अटका हुआ है'],
    },
    opening: {
      en: [
        'I returned the {product} on {date} and was told the refund would take 5–7 days. It’s been {days} days and I still haven’t received {amount}.',
        'The app shows “refund initiated” for order {order} but my bank says nothing has come in. Please share the UTR number.',
        'I cancelled order {order} and had paid by UPI. The refund of {amount} hasn’t come back yet.',
      ],
      hi: [
        'मैंने {date} को सामान वापस भेज दिया था और बताया गया था कि रिफ़ंड 5–7 दिनों में आ जाएगा। {days} दिन हो गए, लेकिन {amount} अभी तक नहीं मिले।',
        'ऐप में ऑर्डर {order} के लिए “रिफ़ंड शुरू” दिख रहा है, पर बैंक कह रहा है कि कोई पैसा नहीं आया। कृपया UTR नंबर भेजिए।',
        'ऑर्डर {order} कैंसल किया था और UPI से भुगतान किया था। {amount} का रिफ़ंड अब तक वापस नहीं आया।',
      ],
    },
    ask: {
      en: [
        'Could you share the last four digits of the account or the UPI ID the payment was made from? We’ll trace it with our payment partner.',
        'Refunds to cards can take up to 7 working days after the item is received. Could you check your statement once more and let us know?',
      ],
      hi: [
        'कृपया उस खाते के आख़िरी चार अंक या वह UPI आईडी बताइए जिससे भुगतान हुआ था। हम अपने पेमेंट पार्टनर से पता करेंगे।',
        'कार्ड पर रिफ़ंड आने में सामान मिलने के बाद 7 कार्यदिवस तक लग सकते हैं। कृपया एक बार फिर अपना स्टेटमेंट देखकर बताइए।',
      ],
    },
    info: {
      en: ['It was paid from a UPI ID ending in @okaxis.', 'Checked again – still nothing on my statement.'],
      hi: ['भुगतान @okaxis वाली UPI आईडी से हुआ था।', 'दोबारा देखा – स्टेटमेंट में अभी भी कुछ नहीं है।'],
    },
    fix: {
      en: [
        'The refund of {amount} was processed on {date}; the bank reference (UTR) is {utr}. Banks sometimes take 2–3 more days to show it.',
        'We found the refund had failed at the bank’s end. We’ve re-issued {amount} today – you should see it within 48 hours.',
      ],
      hi: [
        '{amount} का रिफ़ंड {date} को भेज दिया गया था; बैंक संदर्भ (UTR) नंबर {utr} है। कभी-कभी बैंक को इसे दिखाने में 2–3 दिन और लगते हैं।',
        'पता चला कि बैंक की तरफ़ से रिफ़ंड फ़ेल हो गया था। हमने आज {amount} दोबारा भेज दिए हैं – 48 घंटों में आपके खाते में आ जाने चाहिए।',
      ],
    },
    holdReply: {
      en: [
        'We’ve asked our payment partner to trace the refund. We’ll update you as soon as we hear back, usually within two working days.',
      ],
      hi: ['हमने अपने पेमेंट पार्टनर से रिफ़ंड की जाँच करने को कहा है। जवाब मिलते ही आपको बताएँगे, आमतौर पर दो कार्यदिवस लगते हैं।'],
    },
    holdNote: {
      en: ['Asked Razorpay to trace refund {utr}; on hold until they reply.'],
      hi: ['Razorpay से रिफ़ंड {utr} की जाँच करने को कहा है; उनके जवाब तक टिकट होल्ड पर है।'],
    },
  },
  {
    key: 'wrong_item',
    team: 'care',
    weight: 5,
    types: [
      ['return', 5],
      ['incident', 5],
    ],
    tags: ['wrong-item'],
    agentTags: ['warehouse', 'replacement'],
    products: ['running_shoes', 'cycle', 'badminton_racket', 'yoga_mat'],
    hasOrder: true,
    subject: {
      en: ['Received the wrong item', 'Wrong size in order {order}', 'This is not what I ordered'],
      hi: ['ग़लत सामान आ गया', 'ऑर्डर {order} में दूसरा सामान आया', 'यह मेरा ऑर्डर नहीं है'],
    },
    opening: {
      en: [
        'I ordered a {product} but the box had something completely different. Order {order}.',
        'Order {order} came in the wrong size. I ordered size 9 and got size 7.',
        'The parcel had someone else’s invoice and a different product inside.',
      ],
      hi: [
        'मैंने {product} का ऑर्डर दिया था, लेकिन डिब्बे में कुछ और ही निकला। ऑर्डर {order}।',
        'ऑर्डर {order} में ग़लत साइज़ आया है। मैंने 9 नंबर मँगवाया था और 7 नंबर आया।',
        'पार्सल में किसी और का बिल और दूसरा सामान था।',
      ],
    },
    ask: {
      en: ['Sorry about the mix-up! Could you send a photo of what you received and of the label on the box?'],
      hi: ['इस गड़बड़ी के लिए माफ़ी चाहते हैं! कृपया जो सामान मिला है उसकी और डिब्बे पर लगे लेबल की फ़ोटो भेजिए।'],
    },
    info: {
      en: ['Photo attached.', 'Here are the photos – the label shows a different order number.'],
      hi: ['फ़ोटो भेज दी है।', 'ये रहीं फ़ोटो, लेबल पर कोई दूसरा ऑर्डर नंबर लिखा है।'],
    },
    fix: {
      en: [
        'We’ve dispatched the correct {product} today (tracking {awb}); the courier will collect the wrong item when delivering.',
        'The correct size is out of stock, so we’ve refunded {amount} in full. The courier will pick up the wrong item on {eta}.',
      ],
      hi: [
        'सही सामान ({product}) आज भेज दिया गया है, ट्रैकिंग नंबर {awb}; डिलीवरी के समय कूरियर ग़लत सामान वापस ले जाएगा।',
        'सही साइज़ स्टॉक में नहीं है, इसलिए हमने {amount} का पूरा रिफ़ंड कर दिया है। कूरियर {eta} को ग़लत सामान ले जाएगा।',
      ],
    },
    holdReply: {
      en: ['We’ve asked the warehouse to check the packing record for your order and will get back to you shortly.'],
      hi: ['हमने गोदाम से आपके ऑर्डर की पैकिंग का रिकॉर्ड जाँचने को कहा है और जल्द ही आपको बताएँगे।'],
    },
    holdNote: {
      en: ['Warehouse checking CCTV of packing station for order {order}.'],
      hi: ['गोदाम ऑर्डर {order} की पैकिंग का CCTV देख रहा है।'],
    },
  },
  {
    key: 'invoice',
    team: 'care',
    weight: 5,
    types: [
      ['task', 6],
      ['question', 4],
    ],
    tags: ['invoice'],
    agentTags: ['gst'],
    products: allProducts,
    hasOrder: true,
    subject: {
      en: ['Need GST invoice for order {order}', 'Invoice missing from parcel', 'Company name wrong on invoice'],
      hi: ['ऑर्डर {order} का GST बिल चाहिए', 'पार्सल में बिल नहीं था', 'बिल पर कंपनी का नाम ग़लत है'],
    },
    opening: {
      en: [
        'Please send a GST invoice for order {order} with our company GSTIN – we need it for reimbursement.',
        'The parcel didn’t contain an invoice. Can you email it to me?',
        'The invoice for {order} has our company name misspelt. Please reissue it.',
      ],
      hi: [
        'कृपया ऑर्डर {order} का GST बिल हमारी कंपनी के GSTIN के साथ भेजिए – दफ़्तर से पैसे वापस लेने के लिए चाहिए।',
        'पार्सल में बिल नहीं था। क्या आप इसे ईमेल कर सकते हैं?',
        'ऑर्डर {order} के बिल पर हमारी कंपनी का नाम ग़लत लिखा है। कृपया नया बिल बनाइए।',
      ],
    },
    ask: {
      en: ['Could you share the GSTIN and the registered company address exactly as they should appear?'],
      hi: ['कृपया GSTIN और कंपनी का रजिस्टर्ड पता ठीक वैसे ही भेजिए जैसा बिल पर आना चाहिए।'],
    },
    info: {
      en: ['GSTIN is 27AAPFU0939F1ZV, the address is the one on our website.'],
      hi: ['GSTIN 27AAPFU0939F1ZV है, पता वही है जो हमारी वेबसाइट पर है।'],
    },
    fix: {
      en: [
        'The corrected invoice {invoice} is attached and has also been sent to your email.',
        'Here is the GST invoice {invoice} for order {order}.',
      ],
      hi: [
        'सुधारा हुआ बिल {invoice} साथ में लगा है और आपके ईमेल पर भी भेज दिया गया है।',
        'ऑर्डर {order} का GST बिल {invoice} यह रहा।',
      ],
    },
    holdReply: {
      en: [
        'Our finance team needs to reissue this invoice; it usually takes a day or two. We’ll send it as soon as it’s ready.',
      ],
      hi: ['यह बिल हमारी फ़ाइनेंस टीम दोबारा बनाएगी; इसमें एक-दो दिन लगते हैं। तैयार होते ही भेज देंगे।'],
    },
    holdNote: {
      en: ['Sent the reissue request to finance (credit note + new invoice).'],
      hi: ['फ़ाइनेंस को नया बिल और क्रेडिट नोट बनाने का अनुरोध भेजा।'],
    },
  },
  {
    key: 'cancel_order',
    team: 'care',
    weight: 5,
    types: [['task', 1]],
    tags: ['cancellation'],
    agentTags: ['refund'],
    products: allProducts,
    hasOrder: true,
    subject: {
      en: ['Please cancel – ordered by mistake', 'Cancel my order {order}'],
      hi: ['ग़लती से ऑर्डर हो गया, कैंसल करना है', 'ऑर्डर {order} रद्द करने का अनुरोध'],
    },
    opening: {
      en: [
        'I placed order {order} by mistake. Please cancel it before it ships.',
        'I found the {product} cheaper elsewhere – please cancel order {order} and refund {amount}.',
      ],
      hi: [
        'ग़लती से ऑर्डर {order} हो गया है। भेजे जाने से पहले इसे कैंसल कर दीजिए।',
        'मुझे अब यह {product} नहीं चाहिए, कृपया ऑर्डर {order} रद्द करके {amount} वापस कर दीजिए।',
      ],
    },
    ask: {
      en: [
        'The order has already been handed to the courier. You can refuse delivery, or we can arrange a return after it arrives – which would you prefer?',
      ],
      hi: [
        'ऑर्डर कूरियर को सौंप दिया गया है। आप डिलीवरी लेने से मना कर सकते हैं, या सामान आने के बाद हम वापसी करवा सकते हैं – आप क्या चाहेंगे?',
      ],
    },
    info: {
      en: ['I’ll refuse the delivery then.'],
      hi: ['ठीक है, डिलीवरी के समय मना कर देंगे।'],
    },
    fix: {
      en: ['Order {order} is cancelled and {amount} will be refunded within {refundDays} working days.'],
      hi: ['ऑर्डर {order} रद्द कर दिया गया है और {amount} {refundDays} कार्यदिवसों में वापस आ जाएँगे।'],
    },
    holdReply: {
      en: [
        'We’ve asked the courier to return the parcel to us. Once it’s back, we’ll cancel the order and refund you.',
      ],
      hi: ['हमने कूरियर से पार्सल वापस लाने को कहा है। उसके लौटते ही ऑर्डर रद्द करके रिफ़ंड कर देंगे।'],
    },
    holdNote: {
      en: ['RTO requested with {courier} for AWB {awb}.'],
      hi: ['{courier} से AWB {awb} के लिए RTO का अनुरोध किया।'],
    },
  },
  {
    key: 'login_otp',
    team: 'tech',
    weight: 9,
    types: [
      ['incident', 5],
      ['question', 5],
    ],
    tags: ['login'],
    agentTags: ['otp', 'account-locked'],
    products: [],
    hasOrder: false,
    components: ['login', 'notifications', 'app'],
    subject: {
      en: ['Not receiving OTP to log in', 'Can’t log in to my account', 'Locked out after password reset'],
      hi: ['लॉगिन के लिए OTP नहीं आ रहा', 'अकाउंट में लॉगिन नहीं हो रहा', 'पासवर्ड बदलने के बाद अकाउंट लॉक हो गया'],
    },
    opening: {
      en: [
        'I’ve been trying to log in since this morning but the OTP never arrives on my phone. I’ve tried five times.',
        'The app keeps saying “invalid credentials” even though I just reset my password.',
        'After several wrong attempts my account is locked. I need to track an order urgently.',
      ],
      hi: [
        'सुबह से लॉगिन करने की कोशिश कर रहे हैं, लेकिन फ़ोन पर OTP आता ही नहीं। पाँच बार कोशिश कर चुके हैं।',
        'पासवर्ड अभी बदला है, फिर भी ऐप “ग़लत जानकारी” दिखा रहा है।',
        'कई बार ग़लत पासवर्ड डालने से अकाउंट लॉक हो गया है। मुझे एक ऑर्डर ट्रैक करना है, जल्दी मदद कीजिए।',
      ],
    },
    ask: {
      en: [
        'Could you tell us the phone model and the app version (Settings → About)? Also, is DND enabled on your number?',
        'Please try logging in with your email instead of your phone number and tell us the exact error you see.',
      ],
      hi: [
        'कृपया अपने फ़ोन का मॉडल और ऐप का वर्ज़न (सेटिंग्स → जानकारी) बताइए। क्या आपके नंबर पर DND चालू है?',
        'कृपया फ़ोन नंबर की जगह ईमेल से लॉगिन करके देखिए और जो त्रुटि दिखे वह हमें बताइए।',
      ],
    },
    info: {
      en: ['{device}, app version {version}. DND is off.', 'Email login shows “too many attempts”.'],
      hi: ['{device}, ऐप वर्ज़न {version}। DND बंद है।', 'ईमेल से लॉगिन करने पर “बहुत ज़्यादा प्रयास” लिखा आ रहा है।'],
    },
    fix: {
      en: [
        'We’ve unlocked your account and cleared the failed attempts. You should be able to log in now; OTPs may take up to a minute to arrive.',
        'Our SMS provider had delays on some networks; it’s fixed now. Please try again and let us know if the OTP still doesn’t arrive.',
      ],
      hi: [
        'हमने आपका अकाउंट अनलॉक कर दिया है और ग़लत प्रयास हटा दिए हैं। अब आप लॉगिन कर सकते हैं; OTP आने में एक मिनट तक लग सकता है।',
        'कुछ नेटवर्क पर हमारे SMS प्रदाता की ओर से देरी हो रही थी; अब यह ठीक हो गया है। कृपया फिर से कोशिश कीजिए और OTP न आए तो बताइए।',
      ],
    },
    holdReply: {
      en: ['We’ve passed this to our engineering team and will update you as soon as they have a fix.'],
      hi: ['हमने यह मामला अपनी इंजीनियरिंग टीम को भेज दिया है; समाधान मिलते ही आपको बताएँगे।'],
    },
    holdNote: {
      en: ['Escalated to the platform team: OTP SMS not delivered for {device} on Jio.'],
      hi: ['प्लेटफ़ॉर्म टीम को भेजा: Jio पर {device} के लिए OTP का SMS नहीं पहुँच रहा।'],
    },
  },
  {
    key: 'payment_failed',
    team: 'tech',
    weight: 9,
    types: [
      ['incident', 8],
      ['question', 2],
    ],
    tags: ['payment'],
    agentTags: ['upi', 'double-charge'],
    products: allProducts,
    hasOrder: true,
    components: ['payments', 'website', 'app'],
    subject: {
      en: ['UPI payment failed but money deducted', 'Card declined at checkout', 'Charged twice for order {order}'],
      hi: ['UPI भुगतान फ़ेल हुआ लेकिन पैसे कट गए', 'चेकआउट पर कार्ड से भुगतान नहीं हो रहा', 'ऑर्डर {order} के लिए दो बार पैसे कट गए'],
    },
    opening: {
      en: [
        'I paid {amount} via UPI for a {product}. The money was debited from my account but the app says the payment failed and no order was created.',
        'Checkout fails every time with “payment declined”, though my card works everywhere else.',
        'Tried paying for order {order} three times and {amount} got deducted twice!',
      ],
      hi: [
        'मैंने {product} के लिए UPI से {amount} भरे, खाते से पैसे कट गए लेकिन ऐप में भुगतान फ़ेल दिखा और ऑर्डर नहीं बना।',
        'हर बार चेकआउट पर “भुगतान अस्वीकृत” आ जाता है, जबकि मेरा कार्ड बाक़ी हर जगह चल रहा है।',
        'ऑर्डर {order} के लिए तीन बार भुगतान की कोशिश की, {amount} दो बार कट गए!',
      ],
    },
    ask: {
      en: ['Could you share the transaction reference (UTR) from your bank app and the time of the payment?'],
      hi: ['कृपया अपने बैंक ऐप से लेन-देन का संदर्भ (UTR) नंबर और भुगतान का समय भेजिए।'],
    },
    info: {
      en: ['UTR is {utr}, paid around {time}.'],
      hi: ['UTR {utr} है, भुगतान लगभग {time} बजे किया था।'],
    },
    fix: {
      en: [
        'The payment did reach us: we’ve created order {order} against it and it will ship tomorrow.',
        'The debit was a failed transaction; the bank has reversed {amount} to your account (reference {utr}).',
      ],
      hi: [
        'भुगतान हम तक पहुँच गया था: उसी से ऑर्डर {order} बना दिया गया है और कल भेज दिया जाएगा।',
        'यह लेन-देन फ़ेल हो गया था; बैंक ने {amount} आपके खाते में वापस कर दिए हैं (संदर्भ {utr})।',
      ],
    },
    holdReply: {
      en: ['We’re checking this with our payment gateway and will update you within two working days.'],
      hi: ['हम अपने पेमेंट गेटवे से इसकी जाँच कर रहे हैं और दो कार्यदिवसों में आपको बताएँगे।'],
    },
    holdNote: {
      en: ['Raised with the gateway: UTR {utr} captured but not settled.'],
      hi: ['गेटवे के साथ मामला उठाया: UTR {utr} का पैसा आया पर सेटल नहीं हुआ।'],
    },
  },
  {
    key: 'app_crash',
    team: 'tech',
    weight: 6,
    types: [
      ['incident', 9],
      ['question', 1],
    ],
    tags: ['app-crash'],
    agentTags: ['android', 'ios'],
    products: [],
    hasOrder: false,
    components: ['app'],
    subject: {
      en: ['App crashes on opening', 'App closes when I open my orders', 'Crash after the latest update {version}'],
      hi: ['ऐप खुलते ही बंद हो जाता है', '“मेरे ऑर्डर” खोलते ही ऐप बंद हो जाता है', 'नए अपडेट {version} के बाद ऐप क्रैश हो रहा है'],
    },
    opening: {
      en: [
        'Since this morning the app crashes as soon as I open it. {device}, version {version}.',
        'Every time I tap “My orders” the app closes. I’ve reinstalled it twice.',
        'After updating to {version} the app shows a white screen and then closes.',
      ],
      hi: [
        'आज सुबह से ऐप खोलते ही बंद हो जाता है। {device}, वर्ज़न {version}।',
        'जब भी “मेरे ऑर्डर” पर टैप करते हैं, ऐप बंद हो जाता है। दो बार दोबारा इंस्टॉल भी किया।',
        '{version} पर अपडेट करने के बाद ऐप में सफ़ेद स्क्रीन आती है और फिर ऐप बंद हो जाता है।',
      ],
    },
    ask: {
      en: [
        'Could you clear the app cache (Settings → Apps → Demo Store → Storage → Clear cache) and try again? If it still crashes, tell us your Android or iOS version.',
      ],
      hi: [
        'कृपया ऐप का कैश साफ़ कीजिए (सेटिंग्स → ऐप्स → Demo Store → स्टोरेज → कैश साफ़ करें) और फिर से खोलिए। फिर भी बंद हो तो अपना Android या iOS वर्ज़न बताइए।',
      ],
    },
    info: {
      en: ['Cleared the cache, it still crashes. Android 13.', 'iPhone, iOS 17.4. Clearing data didn’t help.'],
      hi: ['कैश साफ़ कर दिया, फिर भी ऐप बंद हो रहा है। Android 13 है।', 'iPhone है, iOS 17.4। डेटा साफ़ करने से भी कुछ नहीं हुआ।'],
    },
    fix: {
      en: [
        'Version {nextVersion} fixes this crash and is rolling out on the Play Store and App Store today. Please update and let us know how it goes.',
        'Thanks for your patience – the crash was caused by a corrupted cache file; clearing the app data fixes it for good.',
      ],
      hi: [
        'वर्ज़न {nextVersion} में यह समस्या ठीक कर दी गई है और आज से Play Store और App Store पर उपलब्ध है। कृपया अपडेट करके बताइए।',
        'धैर्य रखने के लिए धन्यवाद – यह समस्या ख़राब कैश फ़ाइल की वजह से थी; ऐप का डेटा साफ़ करने से यह हमेशा के लिए ठीक हो जाएगी।',
      ],
    },
    holdReply: {
      en: [
        'Our app team has reproduced the crash and is working on a fix. We’ll let you know as soon as the update is out.',
      ],
      hi: ['हमारी ऐप टीम ने यह समस्या पकड़ ली है और इसे ठीक करने पर काम कर रही है। अपडेट आते ही आपको बताएँगे।'],
    },
    holdNote: {
      en: ['Crash log shared with the mobile team (Crashlytics issue #{crash}).'],
      hi: ['क्रैश लॉग मोबाइल टीम को भेजा (Crashlytics issue #{crash})।'],
    },
  },
  {
    key: 'band_sync',
    team: 'tech',
    weight: 6,
    types: [
      ['incident', 6],
      ['question', 4],
    ],
    tags: ['sync'],
    agentTags: ['bluetooth', 'firmware'],
    products: ['fitness_band', 'smart_watch'],
    hasOrder: false,
    warranty: true,
    components: ['device_sync', 'app'],
    subject: {
      en: ['{product} not syncing with the app', 'Bluetooth pairing fails'],
      hi: ['{product} और ऐप के बीच सिंक नहीं हो रहा', 'ब्लूटूथ से जोड़ने पर कनेक्शन नहीं बनता'],
    },
    opening: {
      en: [
        'My {product} stopped syncing with the app three days ago – no steps since Monday. Bluetooth is on and it shows “connected”.',
        'I can’t pair the new {product} – it keeps failing at the last step.',
      ],
      hi: [
        'तीन दिन से {product} ऐप के साथ सिंक नहीं हो {raha}, ऐप में कदमों की गिनती भी नहीं दिख रही। ब्लूटूथ चालू है और “कनेक्टेड” भी दिखता है।',
        '{product} को फ़ोन से जोड़ने की कोशिश आख़िरी स्टेप पर हर बार फ़ेल हो जाती है।',
      ],
    },
    ask: {
      en: [
        'Please unpair the {product} in your phone’s Bluetooth settings, restart both devices and pair again from the app. Which firmware version does the device show?',
      ],
      hi: [
        'कृपया फ़ोन की ब्लूटूथ सेटिंग्स से {product} को हटाइए, दोनों डिवाइस रीस्टार्ट कीजिए और ऐप से दोबारा जोड़िए। डिवाइस पर कौन-सा फ़र्मवेयर वर्ज़न दिख रहा है?',
      ],
    },
    info: {
      en: ['Did all that, still no luck. Firmware 2.3.1.'],
      hi: ['यह सब कर लिया, फिर भी नहीं हुआ। फ़र्मवेयर 2.3.1 है।'],
    },
    fix: {
      en: [
        'Firmware 2.3.4 fixes the sync issue; it installs automatically the next time the {product} is on its charger. If it still fails we’ll replace the device under warranty.',
        'As the device is under warranty we’re sending you a replacement; tracking number {awb}.',
      ],
      hi: [
        'फ़र्मवेयर 2.3.4 में सिंक की समस्या ठीक हो गई है; अगली बार चार्ज पर लगाने पर यह अपने-आप इंस्टॉल हो जाएगा। फिर भी दिक़्क़त रहे तो वारंटी में डिवाइस बदल देंगे।',
        'डिवाइस वारंटी में है, इसलिए हम आपको बदले में दूसरा डिवाइस भेज रहे हैं; ट्रैकिंग नंबर {awb}।',
      ],
    },
    holdReply: {
      en: ['We’ve shared the details with our device team, who are testing a firmware fix. We’ll update you shortly.'],
      hi: ['हमने यह जानकारी अपनी डिवाइस टीम को भेज दी है, वे फ़र्मवेयर सुधार की जाँच कर रहे हैं। जल्द ही आपको बताएँगे।'],
    },
    holdNote: {
      en: ['Waiting on vendor for firmware 2.3.4 build; customer on 2.3.1.'],
      hi: ['वेंडर से फ़र्मवेयर 2.3.4 का इंतज़ार; ग्राहक के पास 2.3.1 है।'],
    },
  },
  {
    key: 'account_update',
    team: 'tech',
    weight: 5,
    types: [
      ['task', 6],
      ['question', 4],
    ],
    tags: ['account'],
    agentTags: ['verification'],
    products: [],
    hasOrder: false,
    components: ['website', 'login'],
    fixFollowsOpening: true,
    subject: {
      en: ['Change registered mobile number', 'Delete my account', 'Update email address on my account'],
      hi: ['रजिस्टर्ड मोबाइल नंबर बदलना है', 'मेरा अकाउंट डिलीट कर दीजिए', 'अकाउंट में ईमेल पता बदलना है'],
    },
    opening: {
      en: [
        'I’ve changed my number. Please update my account to {phone}; I can’t receive OTPs on the old one.',
        'Please delete my account and all my data.',
        'I need to change the email on my account to my work address.',
      ],
      hi: [
        'मेरा नंबर बदल गया है। कृपया मेरे अकाउंट में {phone} कर दीजिए; पुराने नंबर पर OTP नहीं आ सकता।',
        'कृपया मेरा अकाउंट और सारा डेटा डिलीट कर दीजिए।',
        'अकाउंट में मुझे अपना ईमेल बदलकर दफ़्तर वाला ईमेल करना है।',
      ],
    },
    ask: {
      en: ['For your security, please reply from your registered email address and confirm your last order number.'],
      hi: ['आपकी सुरक्षा के लिए कृपया रजिस्टर्ड ईमेल से जवाब दीजिए और अपना पिछला ऑर्डर नंबर बताइए।'],
    },
    info: {
      en: ['Replying from my registered email. My last order was {order}.'],
      hi: ['रजिस्टर्ड ईमेल से ही लिख रहे हैं। पिछला ऑर्डर {order} था।'],
    },
    fix: {
      en: [
        'Done – your account details are updated. You’ll get a confirmation email shortly.',
        'Your account deletion is scheduled; all personal data will be removed within 30 days as per our privacy policy.',
      ],
      hi: [
        'हो गया – आपके अकाउंट की जानकारी अपडेट कर दी गई है। जल्द ही पुष्टि का ईमेल आएगा।',
        'आपका अकाउंट डिलीट करने की प्रक्रिया शुरू हो गई है; हमारी गोपनीयता नीति के अनुसार 30 दिनों में सारा निजी डेटा हटा दिया जाएगा।',
      ],
    },
    holdReply: {
      en: [
        'This change needs a check by our security team, which takes up to two working days. We’ll confirm once it’s done.',
      ],
      hi: ['इस बदलाव की जाँच हमारी सुरक्षा टीम करेगी, जिसमें दो कार्यदिवस तक लग सकते हैं। काम होते ही आपको बताएँगे।'],
    },
    holdNote: {
      en: ['Identity check requested from the security team before changing the login.'],
      hi: ['लॉगिन बदलने से पहले सुरक्षा टीम से पहचान की जाँच करवाई जा रही है।'],
    },
  },
  {
    key: 'coupon',
    team: 'tech',
    weight: 6,
    types: [
      ['question', 8],
      ['incident', 2],
    ],
    tags: ['coupon'],
    agentTags: ['payment', 'cashback'],
    products: shopProducts,
    hasOrder: true,
    components: ['payments', 'website'],
    fixFollowsOpening: true,
    subject: {
      en: ['Coupon code not working', 'Cashback not credited'],
      hi: ['कूपन कोड काम नहीं कर रहा', 'कैशबैक नहीं मिला'],
    },
    opening: {
      en: [
        'The coupon FEST20 says “not applicable” on my {product} although the offer page says it’s valid on all sports gear.',
        'I was promised 10% cashback on order {order} but it hasn’t been credited.',
      ],
      hi: [
        '{product} पर कूपन FEST20 लगाने पर “लागू नहीं” लिखा आ रहा है, जबकि ऑफ़र पेज पर लिखा है कि यह सभी खेल के सामान पर मान्य है।',
        'ऑर्डर {order} पर 10% कैशबैक का वादा था, लेकिन अभी तक नहीं मिला।',
      ],
    },
    ask: {
      en: ['Could you send a screenshot of the checkout page with the error?'],
      hi: ['कृपया त्रुटि वाले चेकआउट पेज का स्क्रीनशॉट भेजिए।'],
    },
    info: {
      en: ['Screenshot attached.'],
      hi: ['स्क्रीनशॉट भेज दिया है।'],
    },
    fix: {
      en: [
        'The coupon excludes items already on sale, which wasn’t clear on the offer page – sorry! We’ve credited {amount} to your wallet as goodwill.',
        'The cashback of {amount} has been credited to your wallet today.',
      ],
      hi: [
        'यह कूपन पहले से सेल वाले सामान पर लागू नहीं होता, और यह बात ऑफ़र पेज पर साफ़ नहीं लिखी थी – माफ़ी चाहते हैं! हमने सद्भावना के तौर पर {amount} आपके वॉलेट में डाल दिए हैं।',
        '{amount} का कैशबैक आज आपके वॉलेट में जमा कर दिया गया है।',
      ],
    },
    holdReply: {
      en: ['We’ve asked our offers team to check why the cashback wasn’t applied and will update you soon.'],
      hi: ['हमने ऑफ़र टीम से पूछा है कि कैशबैक क्यों नहीं लगा; जल्द ही आपको बताएँगे।'],
    },
    holdNote: {
      en: ['Cashback job skipped order {order}; asked marketing ops to re-run.'],
      hi: ['कैशबैक जॉब ने ऑर्डर {order} छोड़ दिया; मार्केटिंग ऑप्स से दोबारा चलाने को कहा।'],
    },
  },
];

/** Texts every topic shares. */
export const common = {
  ack: {
    en: [
      'Thanks for reaching out. We’re looking into this and will get back to you shortly.',
      'We’ve checked your account and are working on this with the team. You’ll hear from us today.',
    ],
    hi: [
      'संपर्क करने के लिए धन्यवाद। हम इसकी जाँच कर रहे हैं और जल्द ही आपको जवाब देंगे।',
      'हमने आपका अकाउंट देख लिया है और टीम के साथ इस पर काम कर रहे हैं। आज ही आपको जानकारी देंगे।',
    ],
  },
  chase: {
    en: ['Any update on this?', 'It’s been a day – can someone please reply?', 'Please expedite, this is urgent.'],
    hi: ['इस पर कोई अपडेट?', 'एक दिन हो गया – कृपया कोई जवाब दीजिए।', 'कृपया जल्दी कीजिए, यह ज़रूरी है।'],
  },
  thanks: {
    en: [
      'Thank you, received it!',
      'Thanks a lot for the quick help.',
      'Got it, thanks!',
      'Perfect, that worked. Thank you.',
    ],
    hi: ['धन्यवाद, मिल गया!', 'जल्दी मदद के लिए बहुत-बहुत शुक्रिया।', 'ठीक है, धन्यवाद!', 'बढ़िया, अब काम हो गया। शुक्रिया।'],
  },
  reopen: {
    en: [
      'Sorry, the problem is back again since yesterday.',
      'This hasn’t actually been fixed – I’m still facing the same issue.',
      'I still haven’t received anything.',
    ],
    hi: [
      'माफ़ कीजिए, कल से फिर वही दिक़्क़त आ रही है।',
      'यह असल में ठीक नहीं हुआ – अभी भी वही समस्या है।',
      'मुझे अब तक कुछ नहीं मिला।',
    ],
  },
  reopenFix: {
    en: [
      'Thanks for letting us know. We’ve looked again and fixed it properly this time – please check and tell us if anything is still wrong.',
      'Sorry about that! We’ve escalated it and it’s sorted now.',
    ],
    hi: [
      'बताने के लिए धन्यवाद। हमने दोबारा जाँच की और इस बार इसे पूरी तरह ठीक कर दिया है – कृपया देखकर बताइए।',
      'इसके लिए माफ़ी चाहते हैं! हमने मामला आगे बढ़ाया और अब यह ठीक हो गया है।',
    ],
  },
  glad: {
    en: ['Glad we could help! Have a great day.', 'You’re welcome – happy playing!'],
    hi: ['ख़ुशी हुई कि मदद कर सके! आपका दिन शुभ हो।', 'आपका स्वागत है – खेलते रहिए!'],
  },
  reminder: {
    en: ['Just checking in – we still need the details above to continue. Could you reply when you get a moment?'],
    hi: ['बस याद दिला रहे हैं – आगे बढ़ने के लिए हमें ऊपर माँगी गई जानकारी चाहिए। समय मिलने पर जवाब दीजिए।'],
  },
  noResponse: {
    en: [
      'As we haven’t heard back, we’re marking this as solved. Simply reply to this message if you still need help.',
    ],
    hi: ['आपकी ओर से जवाब नहीं आया, इसलिए हम इसे हल मान रहे हैं। अगर अब भी मदद चाहिए तो बस इस संदेश का जवाब दीजिए।'],
  },
  aware: {
    en: [
      'Thanks for reporting this. We’re aware of the issue and our team is working on a fix – we’ll update you as soon as it’s resolved.',
    ],
    hi: ['बताने के लिए धन्यवाद। हमें इस समस्या की जानकारी है और हमारी टीम इसे ठीक करने में लगी है – ठीक होते ही आपको बताएँगे।'],
  },
  returnRefunded: {
    en: [
      'Your return is complete: we’ve received the {product} back and refunded {amount} to your original payment method. It should reflect within {refundDays} working days.',
    ],
    hi: [
      'आपकी वापसी पूरी हो गई है: सामान हमें मिल गया है और {amount} आपके मूल भुगतान खाते में भेज दिए गए हैं। {refundDays} कार्यदिवसों में पैसे दिख जाने चाहिए।',
    ],
  },
  returnRejected: {
    en: [
      'We’re sorry, but the return window for order {order} closed on {eta}, so we can’t accept this return. We can offer a discount coupon on your next order instead.',
      'Our quality check found the {product} has been used, so we can’t accept the return under our policy. The courier will bring it back to you.',
    ],
    hi: [
      'क्षमा करें, ऑर्डर {order} की वापसी की समय-सीमा {eta} को ख़त्म हो गई थी, इसलिए यह वापसी स्वीकार नहीं की जा सकती। बदले में हम आपको अगले ऑर्डर पर छूट का कूपन दे सकते हैं।',
      'जाँच में पता चला कि सामान इस्तेमाल किया जा चुका है, इसलिए हमारी नीति के अनुसार वापसी नहीं ली जा सकती। कूरियर सामान आपको लौटा देगा।',
    ],
  },
  returnApprovedNote: {
    en: ['Return approved; reverse pickup booked with {courier}.', 'Refund of {amount} approved – within policy.'],
    hi: ['वापसी मंज़ूर; {courier} से रिवर्स पिकअप बुक किया।', '{amount} का रिफ़ंड मंज़ूर – नीति के अनुसार सही है।'],
  },
  notes: {
    en: [
      'Repeat customer (5+ orders) – let’s be generous here.',
      'Checked the order in the OMS: payment captured and invoice generated.',
      'Called the customer, no answer. Will try again tomorrow.',
      'Same customer had a similar complaint last month.',
      'Warehouse confirms the item was packed on {date}.',
      'Approved by the team lead as a goodwill gesture.',
    ],
    hi: [
      'ग्राहक पहले भी कई बार ख़रीदारी कर चुके हैं – थोड़ी नरमी बरतें।',
      'OMS में ऑर्डर देखा: भुगतान मिल गया है और बिल बन चुका है।',
      'ग्राहक को फ़ोन किया, किसी ने नहीं उठाया। कल फिर कोशिश करेंगे।',
      'पिछले महीने भी इसी ग्राहक की ऐसी ही शिकायत आई थी।',
      'गोदाम ने पुष्टि की है कि सामान {date} को पैक हुआ था।',
      'टीम लीड ने सद्भावना के तौर पर मंज़ूरी दी है।',
    ],
  },
  moveTeam: {
    en: ['This is a payments/app issue – moving it to Technical Support.'],
    hi: ['यह भुगतान/ऐप की समस्या है – टेक्निकल सपोर्ट को भेज रहे हैं।'],
  },
  phoneNote: {
    en: [
      'Phone call from the customer about “{subject}”.',
      'Customer called in: “{subject}” – promised a written follow-up.',
    ],
    hi: ['ग्राहक का फ़ोन आया, विषय: “{subject}”', 'ग्राहक ने फ़ोन पर बताया: “{subject}” – लिखित जवाब का वादा किया।'],
  },
  phonePrefix: {
    en: ['As discussed on the phone just now:', 'Following up on our call:'],
    hi: ['जैसा अभी फ़ोन पर बात हुई:', 'हमारी फ़ोन पर हुई बातचीत के बाद:'],
  },
  greeting: {
    en: ['Hi {name},', 'Hello {name},', 'Dear {name},'],
    hi: ['नमस्ते {name} जी,', 'प्रिय {name} जी,'],
  },
  signOff: {
    en: ['Regards,', 'Best regards,', 'Thanks,', 'Warm regards,'],
    hi: ['धन्यवाद,', 'सादर,', 'शुभकामनाओं सहित,'],
  },
  team: { en: ['Demo Company Support'], hi: ['Demo Company सहायता टीम'] },
  customerSign: {
    en: ['Thanks,', 'Regards,', 'Thank you,'],
    hi: ['धन्यवाद,', 'शुक्रिया,'],
  },
} satisfies Record<string, Texts>;

/** Problems that many customers ran into at once; their incidents link to a problem ticket. */
export interface ProblemStory {
  topic: string;
  subject: string;
  opened: string;
  cause: string;
  fixed: string;
}

export const spikeProblems: readonly (ProblemStory & { daysAgo: number; incidents: number })[] = [
  {
    daysAgo: 71,
    incidents: 70,
    topic: 'payment_failed',
    subject: 'UPI payments failing at checkout (gateway timeouts)',
    opened:
      'Many customers report UPI debits without orders since this morning. Opening a problem to track; link incidents here.',
    cause: 'Gateway confirms timeouts on their UPI switch; payments are captured but callbacks are lost.',
    fixed:
      'Gateway fixed the switch and replayed the lost callbacks; orders created or amounts reversed. Solving the linked incidents.',
  },
  {
    daysAgo: 39,
    incidents: 60,
    topic: 'app_crash',
    subject: 'Android app 4.2.0 crashes on launch',
    opened: 'Spike of crash reports right after the 4.2.0 release. Linking the incidents here.',
    cause: 'Crashlytics: null pointer in the new home banner on Android 13/14. Release halted at 20%.',
    fixed: '4.2.1 is live on the Play Store with the fix. Solving the linked incidents.',
  },
  {
    daysAgo: 12,
    incidents: 65,
    topic: 'delivery_delay',
    subject: 'Courier hub in Gurugram flooded – NCR deliveries delayed',
    opened: 'Delhivery’s Gurugram hub is waterlogged; NCR parcels stuck. Tracking the customer contacts here.',
    cause: 'Delhivery is rerouting via Sonipat; expect 2–3 days of delay.',
    fixed: 'Backlog cleared, all stuck parcels delivered or out for delivery. Solving the linked incidents.',
  },
];

export const smallProblems: readonly ProblemStory[] = [
  {
    topic: 'login_otp',
    subject: 'OTP SMS delayed on Jio numbers',
    opened: 'Several OTP complaints from Jio users.',
    cause: 'SMS provider route to Jio degraded.',
    fixed: 'Provider switched route; OTPs arrive within seconds again.',
  },
  {
    topic: 'refund_status',
    subject: 'Refunds to HDFC cards failing',
    opened: 'Refunds to HDFC credit cards bouncing back.',
    cause: 'Gateway’s refund API rejects HDFC BINs after their certificate change.',
    fixed: 'Gateway patched; failed refunds re-issued.',
  },
  {
    topic: 'band_sync',
    subject: 'Fitness band firmware 2.3.1 loses Bluetooth sync',
    opened: 'Sync failures concentrated on firmware 2.3.1.',
    cause: 'Vendor confirmed a BLE bonding bug in 2.3.1.',
    fixed: 'Firmware 2.3.4 rolled out over the air.',
  },
  {
    topic: 'coupon',
    subject: 'Coupon FEST20 rejected on sale items without explanation',
    opened: 'Customers confused by FEST20 not applying.',
    cause: 'Offer page did not mention the sale-item exclusion.',
    fixed: 'Offer page updated; checkout now explains the exclusion.',
  },
  {
    topic: 'wrong_item',
    subject: 'Wrong sizes shipped from the Bhiwandi warehouse',
    opened: 'Several wrong-size shoes from the same dispatch batch.',
    cause: 'Mislabelled shelf bins in aisle 14.',
    fixed: 'Bins relabelled and the batch re-checked.',
  },
  {
    topic: 'damaged_item',
    subject: 'Cricket bats cracking in transit – weak packaging',
    opened: 'Repeated cracked-bat complaints this week.',
    cause: 'New supplier cartons lack corner protection.',
    fixed: 'Switched back to reinforced cartons.',
  },
  {
    topic: 'app_crash',
    subject: 'iOS app closes on “My orders” for accounts with many orders',
    opened: 'Crash on My orders for heavy buyers.',
    cause: 'Order list loads everything at once and runs out of memory.',
    fixed: 'Paged loading shipped in iOS 4.3.0.',
  },
  {
    topic: 'payment_failed',
    subject: 'Double debits on card payments with 3-D Secure retries',
    opened: 'A few customers charged twice after 3-D Secure retries.',
    cause: 'Retry created a second payment intent.',
    fixed: 'Idempotency key added; duplicates refunded.',
  },
  {
    topic: 'login_otp',
    subject: 'Password reset link expires too early',
    opened: 'Reset links reported as expired on first click.',
    cause: 'Email security scanners pre-open the link and consume it.',
    fixed: 'Reset now needs a button press on the landing page.',
  },
];

export const couriers = ['Delhivery', 'Blue Dart', 'Ekart', 'DTDC', 'XpressBees', 'India Post'];
export const cities = [
  'Bhiwandi',
  'Gurugram',
  'Bengaluru',
  'Kolkata',
  'Hyderabad',
  'Jaipur',
  'Lucknow',
  'Pune',
  'Chennai',
];
export const devices = [
  'Redmi Note 12',
  'Samsung Galaxy M34',
  'iPhone 13',
  'OnePlus Nord CE 3',
  'Vivo Y56',
  'Realme 11',
];
export const appVersions = ['4.1.2', '4.1.3', '4.2.0', '4.2.1', '4.3.0'];
export const monthsEn = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const monthsHi = [
  'जनवरी',
  'फ़रवरी',
  'मार्च',
  'अप्रैल',
  'मई',
  'जून',
  'जुलाई',
  'अगस्त',
  'सितंबर',
  'अक्टूबर',
  'नवंबर',
  'दिसंबर',
];

/** Replaces `{key}` with its value; unknown keys stay as they are. */
export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => vars[key] ?? m);
}

/**
 * The demo office's calendar: Monday to Saturday 09:00–18:00 in India, with the national holidays
 * every year and this year's festival holidays (their dates move with the lunar calendar).
 */
export const demoCalendar = {
  name: 'India office',
  timeZone: 'Asia/Kolkata',
  hours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '09:00', to: '18:00' })),
  holidays: [
    { date: '2026-01-26', name: 'गणतंत्र दिवस / Republic Day', yearly: true },
    { date: '2026-08-15', name: 'स्वतंत्रता दिवस / Independence Day', yearly: true },
    { date: '2026-10-02', name: 'गांधी जयंती / Gandhi Jayanti', yearly: true },
    { date: '2026-12-25', name: 'क्रिसमस / Christmas', yearly: true },
    { date: '2026-03-04', name: 'होली / Holi', yearly: false },
    { date: '2026-03-21', name: 'ईद-उल-फ़ित्र / Eid al-Fitr', yearly: false },
    { date: '2026-10-20', name: 'दशहरा / Dussehra', yearly: false },
    { date: '2026-11-08', name: 'दीवाली / Diwali', yearly: false },
  ],
};

const H = 60;
const everyoneElse = { firstReply: 8 * H, nextReply: 24 * H, resolution: 3 * 24 * H };
/**
 * The demo's SLA policies, in matching order: the enterprise accounts' contract first, then tight
 * targets in working hours for urgent and high tickets, then a catch-all around the clock for the rest.
 */
export const demoSlaPolicies = [
  {
    name: 'Enterprise customers',
    description: 'Contracted targets for organisations of the Enterprise tier.',
    conditions: { organisationTiers: ['Enterprise'] },
    targets: {
      urgent: { firstReply: 30, nextReply: 60, resolution: 4 * H },
      high: { firstReply: 1 * H, nextReply: 2 * H, resolution: 8 * H },
      normal: { firstReply: 2 * H, nextReply: 4 * H, resolution: 24 * H },
      low: { firstReply: 4 * H, nextReply: 8 * H, resolution: 48 * H },
    },
    businessHours: true,
  },
  {
    name: 'Urgent and high',
    description: 'Outages, payment failures and anything a customer cannot wait for.',
    conditions: { priority: ['urgent' as const, 'high' as const] },
    targets: { urgent: { firstReply: 1 * H, resolution: 8 * H }, high: { firstReply: 4 * H, resolution: 24 * H } },
    businessHours: true,
  },
  {
    name: 'Everyone else',
    description: 'Every other ticket.',
    conditions: {},
    targets: { low: everyoneElse, normal: everyoneElse, high: everyoneElse, urgent: everyoneElse },
    businessHours: false,
  },
];
