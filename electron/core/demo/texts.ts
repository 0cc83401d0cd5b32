/**
 * Invented Swedish text fragments for the synthetic deviation and dispute records.
 * Nothing here describes a real event or a real person; units are named generically
 * ("patienten", "sjuksköterskan") and the generator combines the fragments at random.
 */
import type { CategoryCode } from '../../../shared/domain/enums';

/** Opening clause: the situation. `{org}` is replaced with the other party's unit. */
export const openers: readonly string[] = [
  'Vid utskrivning från {org}',
  'För brukare i ordinärt boende med kommunal hemsjukvård',
  'För patient på korttidsboende efter vistelse på {org}',
  'Vid hembesök hos patienten',
  'I samband med utskrivning till särskilt boende',
  'För patient med insatser från flera vårdgivare',
  'Under helgen',
  'Vid överrapportering från {org}',
  'För patient som nyligen flyttat till kommunen',
  'Efter återbesök på {org}',
];

/** What went wrong, per area of the agreement. */
export const eventsByCategory: Record<CategoryCode, readonly string[]> = {
  hemsjukvard: [
    'saknades beslut om hemsjukvård trots att patienten inte kunde ta sig till vårdcentralen',
    'var det oklart vem som ansvarade för såromläggningen efter hemgång',
    'kom ingen sjuksköterska från hemsjukvården första dygnet eftersom insatsen inte var beställd',
    'hade ordinationen för insulin inte överförts till hemsjukvården',
    'saknades delegering för den insats som skulle utföras i hemmet',
  ],
  in_utskrivning: [
    'skickades inget inskrivningsmeddelande i SVPL',
    'var patienten inte utskrivningsklar enligt kommunens bedömning men skickades ändå hem',
    'kom patienten hem sent på fredagen utan att kommunen fått planeringsunderlag',
    'saknades information om förändrat vårdbehov i utskrivningsmeddelandet',
    'uppdaterades inte utskrivningsklar dag i SVPL efter att planen ändrats',
    'genomfördes ingen samordnad vårdplanering trots behov av nya insatser',
  ],
  sip: [
    'kallades inte kommunen till SIP trots att patienten samtyckt',
    'hölls SIP-mötet utan att ansvarig för uppföljning utsågs',
    'följdes inte överenskommelsen i patientens SIP om vem som kontaktar anhöriga',
    'dröjde kallelsen till SIP mer än en månad efter begäran',
  ],
  lakarmedverkan: [
    'gick det inte att nå läkare för ordination under kvällen',
    'genomfördes inte det planerade läkarbesöket i hemmet',
    'saknades läkarmedverkan vid brytpunktssamtal inför palliativ vård',
    'fick sjuksköterskan inget svar från vårdcentralen om ändrad behandling',
  ],
  lakemedel: [
    'stämde läkemedelslistan inte överens med ordinationen från sjukhuset',
    'saknades läkemedel för de första dygnen efter hemgång',
    'var dosrullen inte ändrad trots att ett läkemedel satts ut',
    'fanns ingen uppdaterad läkemedelslista vid överrapporteringen',
    'skickades fel styrka av smärtlindrande läkemedel med patienten',
  ],
  egenvard: [
    'gjordes ingen egenvårdsbedömning innan ansvaret lämnades till patienten',
    'var det oklart om insatsen var egenvård eller hälso- och sjukvård',
    'saknades planering för egenvården när patienten inte längre klarade den själv',
  ],
  hjalpmedel: [
    'fanns inget hjälpmedel på plats när patienten kom hem',
    'skickades patienten hem utan förskrivet hjälpmedel för förflyttning',
    'var det oklart vem som skulle förskriva tryckavlastande madrass',
    'levererades hjälpmedlet först en vecka efter hemgång',
  ],
  rehab_hab: [
    'fick kommunens rehabpersonal ingen information om träningsprogrammet',
    'avbröts rehabiliteringen när patienten flyttade mellan vårdgivare',
    'saknades överenskommelse om vem som ansvarar för fortsatt habilitering',
  ],
  information: [
    'nådde informationen om förändrat hälsotillstånd inte fram till mottagande enhet',
    'skickades journalkopia till fel enhet',
    'saknades kontaktuppgifter till ansvarig sjuksköterska i överrapporteringen',
    'fick anhöriga motstridiga besked från de olika vårdgivarna',
    'lämnades informationen muntligt utan att dokumenteras',
  ],
  munhalsa: [
    'genomfördes inte den uppsökande munhälsobedömningen',
    'saknades intyg om nödvändig tandvård trots behov',
  ],
  vardhygien: [
    'fick kommunen inte veta att patienten bar på smitta',
    'följdes inte basala hygienrutiner vid överflyttningen',
    'saknades information om pågående isolering vid hemgång',
  ],
  psykisk_beroende: [
    'fick patienten ingen uppföljning från psykiatrin efter utskrivning',
    'var det oklart vem som ansvarade för samordningen kring patientens beroende',
    'avbröts den läkemedelsassisterade behandlingen vid flytt till boende',
    'kallades inte socialtjänsten till planeringen trots skadligt bruk',
  ],
  ovrigt: [
    'uppstod oklarhet om vilken vårdgivare som hade ansvaret',
    'följdes inte den gemensamma rutinen för kontakt mellan enheterna',
    'bokades transporten inte i tid vilket försenade hemgången',
  ],
};

/** The consequence clause, with its leading separator. */
export const consequences: readonly string[] = [
  ', vilket ledde till att patienten fick vänta på rätt insats.',
  ' och patienten fick återinläggas efter två dygn.',
  ', men ingen skada uppstod för patienten.',
  ', vilket orsakade oro hos patient och närstående.',
  ' och ärendet fick lösas av sjuksköterska i beredskap.',
  ', vilket innebar merarbete för mottagande enhet.',
  ' och risk för vårdskada uppstod.',
  ', vilket medförde att insatsen försenades.',
];

/** Extra sentences added to some descriptions (also make fields need CSV quoting). */
export const extras: readonly string[] = [
  'Kontakt togs med "ansvarig enhet" samma dag.',
  'Gäller även tidigare liknande händelse; se föregående ärende.',
  'Närstående hörde av sig till kommunen – inte till vårdcentralen.',
  'Händelsen uppmärksammades vid kvällsbesöket, kl. 21.30.',
  'Patienten har SIP sedan tidigare.',
  'Bemanningsföretagets faktura för extrapassen angavs i € – beloppet räknas om i efterhand.',
];

/** Actions / answers from the receiving unit. */
export const actions: readonly string[] = [
  'Händelsen har gåtts igenom på arbetsplatsträff.',
  'Rutinen för utskrivning via SVPL har förtydligats för personalen.',
  'Vi har kontaktat rapporterande enhet och bett om ursäkt.',
  'Läkemedelslistan ses nu över vid varje utskrivning.',
  'Ärendet har lyfts till lokal samverkansgrupp.',
  'Hjälpmedelsförskrivning planeras nu före utskrivningsklar dag.',
  'Påminnelse om kallelse till SIP har skickats till berörda enheter.',
  'Händelseanalys har påbörjats.',
  'Ingen åtgärd bedöms behövas; rutinen följdes men informationen nådde inte fram.',
  'Enhetschef följer upp med berörd personal.',
  'Gemensam genomgång med kommunens sjuksköterskor är bokad.',
  'Vi har infört checklista för överrapportering.',
];

/** Dispute summaries (what the parties disagree about), per area. */
export const disputeQuestions: Record<CategoryCode, readonly string[]> = {
  hemsjukvard: ['Oenighet om huruvida patienten ska ha kommunal hemsjukvård eller fortsatt vård på vårdcentral.', 'Vem ansvarar för avancerad sårvård i hemmet efter utskrivning?'],
  in_utskrivning: ['Oenighet om när patienten var utskrivningsklar och om betalningsansvar för dagarna därefter.', 'Parterna är oeniga om planeringen i SVPL var tillräcklig före hemgång.'],
  sip: ['Vem ska kalla till och leda SIP när flera huvudmän är inblandade?', 'Oenighet om ansvar för uppföljning av insatser i SIP.'],
  lakarmedverkan: ['Oenighet om läkarmedverkan i kommunens särskilda boenden kvällar och helger.', 'Vem ansvarar för läkarbesök i hemmet för patienter inskrivna i hemsjukvården?'],
  lakemedel: ['Vem ansvarar för att läkemedelslistan är uppdaterad vid överflyttning?', 'Oenighet om kostnadsansvar för läkemedel de första dygnen efter utskrivning.'],
  egenvard: ['Är insatsen egenvård eller hälso- och sjukvård, och vem gör bedömningen?'],
  hjalpmedel: ['Vem förskriver och bekostar hjälpmedel som behövs vid utskrivning?', 'Oenighet om ansvar för medicintekniska produkter vid korttidsvistelse.'],
  rehab_hab: ['Oenighet om ansvar för rehabilitering efter utskrivning från slutenvård.'],
  information: ['Oenighet om vem som ska informera närstående vid ändrad vårdnivå.'],
  munhalsa: ['Vem ansvarar för munhälsobedömning för personer med hemsjukvård?'],
  vardhygien: ['Oenighet om ansvar och kostnad för isoleringsåtgärder vid smitta i boende.'],
  psykisk_beroende: ['Oenighet om ansvar för samordning och boendeinsatser för person med psykisk funktionsnedsättning och beroende.', 'Vem ansvarar för uppföljning efter utskrivning från psykiatrisk slutenvård?'],
  ovrigt: ['Oenighet om tolkningen av överenskommelsen i ett enskilt ärende.'],
};

export const temporarySolutions: readonly string[] = [
  'Regionen står för insatsen tills frågan är avgjord.',
  'Kommunen utför insatsen och kostnaden regleras i efterhand.',
  'Parterna delar på insatsen under utredningstiden.',
  'Vårdcentralen gör hembesök varannan vecka tills vidare.',
  'Hjälpmedlet lånas ut från kommunens korttidsförråd.',
];

export const resolutionNotes: readonly string[] = [
  'Parterna enades om ansvarsfördelningen enligt avtalet.',
  'Chefer på båda sidor enades om en gemensam rutin.',
  'Frågan avgjordes i delregional politisk samråd.',
  'Parterna kom överens efter genomgång av överenskommelsen.',
];

/** Lessons recorded by the analyst (text, cause, recommended practice, agreement reference). */
export const lessonTexts: readonly { area: CategoryCode | null; text: string; cause: string; practice: string; ref: string }[] = [
  {
    area: 'in_utskrivning',
    text: 'Utskrivning på fredag eftermiddag utan uppdaterad läkemedelslista ger återkommande problem under helgen.',
    cause: 'rutin_inte_kand',
    practice: 'Läkemedelslistan bifogas alltid i SVPL före utskrivningsklar dag.',
    ref: 'Hälso- och sjukvårdsavtalet, in- och utskrivning',
  },
  {
    area: 'sip',
    text: 'Ingen av parterna hade utsett ansvarig för uppföljning i SIP, så ingen följde upp.',
    cause: 'ansvar_oklart',
    practice: 'Vid varje SIP-möte utses en namngiven funktion som ansvarar för uppföljningen.',
    ref: 'Riktlinje för SIP',
  },
  {
    area: 'hjalpmedel',
    text: 'Hjälpmedel beställdes först när patienten redan var hemma.',
    cause: 'kommunikation',
    practice: 'Behov av hjälpmedel bedöms och förskrivs innan patienten är utskrivningsklar.',
    ref: 'Hälso- och sjukvårdsavtalet, hjälpmedel',
  },
  {
    area: 'lakarmedverkan',
    text: 'Kvällstid saknades en känd väg att nå läkare för ordination.',
    cause: 'rutin_saknas',
    practice: 'Kontaktvägar till jourläkare finns i gemensam lokal rutin och uppdateras halvårsvis.',
    ref: 'Hälso- och sjukvårdsavtalet, läkarmedverkan',
  },
  {
    area: 'vardhygien',
    text: 'Informationen om smitta fanns i journalen men kom inte med i överrapporteringen.',
    cause: 'it_stod',
    practice: 'Smittstatus är ett obligatoriskt fält i överrapporteringen.',
    ref: 'Vårdhygieniska riktlinjer',
  },
  {
    area: 'hemsjukvard',
    text: 'Hemsjukvården hade inte bemanning för de extra insatserna den aktuella veckan.',
    cause: 'resurser',
    practice: 'Vid hög belastning kontaktas mottagande enhet innan utskrivningen bekräftas.',
    ref: 'Hälso- och sjukvårdsavtalet, hemsjukvård',
  },
  {
    area: 'egenvard',
    text: 'Parterna hade olika tolkning av vem som gör egenvårdsbedömningen.',
    cause: 'ansvar_oklart',
    practice: 'Den som ordinerar insatsen gör egenvårdsbedömningen och dokumenterar den.',
    ref: 'Hälso- och sjukvårdsavtalet, egenvård',
  },
  {
    area: null,
    text: 'Oenigheten löstes snabbt när cheferna träffades i stället för att mejla.',
    cause: 'annat',
    practice: 'Oenighet på steg 1 tas i ett möte eller samtal inom en vecka.',
    ref: 'Eskaleringstrappan, steg 1',
  },
];
