import { PageHeader } from '../../components/ui';
import { categoryLabels, stepLabels } from '../../../../shared/labels.sv';
import { catalogue, commonTermsText, indicatorGroupLabels, type IndicatorGroup } from '../../../../shared/indicators/catalogue';

/** The glossary the whole app uses (DOMAIN.md), in the analyst's words. */
const glossary: [string, string][] = [
  ['Avvikelse i samverkan', 'En händelse där en gemensam överenskommelse, ett lagstadgat avtal eller ett styrdokument mellan vårdgivare inte följdes.'],
  ['Rapporterande och mottagande enhet', 'Enheten som rapporterar avvikelsen och enheten som ska svara på den.'],
  ['Huvudman', 'Kommun, region (VGR) eller privat vårdgivare med avtal.'],
  ['Oenighet', 'Parterna saknar en gemensam syn i en fråga. Kan komma ur avvikelser, men behöver inte.'],
  ['Tvist', 'En oenighet som inte lösts på första eller andra chefsnivån (steg 3). Mycket allvarligt.'],
  ['Tillfällig lösning', 'Det parterna gör för patienten medan frågan är öppen – patienten ska aldrig drabbas av oenigheten.'],
  ['Principiell karaktär', 'Ett ärende vars svar har betydelse i hela länet; kan lyftas till VVG.'],
  ['Lärdom', 'Det som lärdes av ett ärende, skrivet av processledaren.'],
  ['Vägledande fall', 'Ett löst ärende vars lösning vägleder kommande fall. Går från utkast via granskad till vägledande, och kan ersättas av ett nyare fall.'],
  ['Karantän', 'Rader som inte klarade kontrollen vid import. De sparas inte som ärenden förrän de rättats.'],
  ['Delregion', 'Området arbetsytan omfattar: en namngiven uppsättning kommuner.'],
  ['SIP och SVPL', 'Samordnad individuell plan, och samordnad vårdplanering vid in- och utskrivning.'],
];

const groups = Object.keys(indicatorGroupLabels) as IndicatorGroup[];

export function HelpPage() {
  return (
    <>
      <PageHeader title="Hjälp" intro="Så fungerar Samsyn: från export till rapport till VVG." />
      <section className="card" aria-labelledby="h-flow">
        <h2 id="h-flow">Arbetsgången</h2>
        <ol>
          <li>
            <strong>Import</strong>: läs in exporter från MedControl PRO (CSV eller XLSX) och loggar över oenighet och tvist. Samsyn föreslår hur kolumnerna ska tolkas,
            sparar tolkningen som en profil och lägger rader som inte går att läsa i karantän med en förklaring. Personnummer och samordningsnummer ersätts med koder innan något
            sparas.
          </li>
          <li>
            <strong>Översikt</strong>: uppföljningsindikatorerna för vald period, jämförda med föregående period och samma period året innan. Klicka på en siffra för att se
            ärendena bakom den.
          </li>
          <li>
            <strong>Lärdomar och vägledande fall</strong>: skriv vad som lärdes av ett ärende och gör lösta ärenden till vägledande fall.
          </li>
          <li>
            <strong>Rapport</strong>: skapa sammanställningen till VVG som PDF.
          </li>
          <li>
            <strong>Bibliotek</strong>: dela vägledande fall med andra delregioner som en signerad fil.
          </li>
        </ol>
      </section>
      <section className="card" aria-labelledby="h-ladder">
        <h2 id="h-ladder">Eskaleringstrappan</h2>
        <ol>
          <li>{stepLabels[1]}</li>
          <li>{stepLabels[2]} – skyndsamt</li>
          <li>{stepLabels[3]}</li>
          <li>Därefter ekonomisk reglering eller allmän domstol.</li>
        </ol>
        <p>
          Avtalets princip: oenighet löses på lägsta möjliga nivå och patienten ska aldrig drabbas av att parterna är oeniga – en tillfällig lösning ordnas medan frågan är
          öppen.
        </p>
      </section>
      <section className="card" aria-labelledby="h-indicators">
        <h2 id="h-indicators">Indikatorerna</h2>
        <p>
          Samma definitioner används i Översikt, i rapporten och av kommandoraden. Informationsknappen (i) vid en siffra i Översikt visar definitionen där. {commonTermsText}
        </p>
        {groups.map((g) => (
          <section key={g} aria-labelledby={`h-ind-${g}`}>
            <h3 id={`h-ind-${g}`}>{indicatorGroupLabels[g]}</h3>
            <dl className="help-indicators">
              {catalogue
                .filter((e) => e.group === g)
                .map((e) => (
                  <div key={e.id} id={`indikator-${e.id}`}>
                    <dt>
                      {e.label} <span className="muted small">({e.unit})</span>
                    </dt>
                    <dd>
                      <p>{e.definition}</p>
                      <p>
                        <strong>Så läser du siffran:</strong> {e.reading}
                      </p>
                    </dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </section>
      <section className="card" aria-labelledby="h-glossary">
        <h2 id="h-glossary">Begrepp</h2>
        <dl className="help-glossary">
          {glossary.map(([term, text]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
        <p>
          Avtalsområdena: {Object.values(categoryLabels).join(', ')}. Andra namn i exportfiler (till exempel SVPL eller Hemsjukvård) kopplas till dem vid import.
        </p>
      </section>
      <section className="card" aria-labelledby="h-lib">
        <h2 id="h-lib">Biblioteksfilen</h2>
        <p>
          En biblioteksfil (<code>.samsyn-bibliotek.json</code>) innehåller vägledande fall från en delregion. Den är signerad med delregionens nyckel: ändras något efter
          export vägrar Samsyn att läsa in den. Första gången du tar emot en fil från en ny avsändare visas nyckelns fingeravtryck så att du kan jämföra det med avsändaren
          innan du litar på den. Inga personuppgifter får lämna arbetsytan: exporten stoppas om en text innehåller personnummer, telefonnummer eller e-postadresser.
        </p>
      </section>
      <section className="card" aria-labelledby="h-a11y">
        <h2 id="h-a11y">Tangentbord och tillgänglighet</h2>
        <ul>
          <li>Allt går att göra med tangentbordet: Tabb och Skift+Tabb flyttar mellan knappar, länkar och fält, Enter eller blanksteg väljer, Esc stänger en dialog.</li>
          <li>Första Tabb på en sida visar länken ”Hoppa till innehållet”, som går förbi menyn.</li>
          <li>Varje diagram har en sammanfattning i text och knappen ”Visa som tabell” med samma siffror. Signaler i serietidsdiagram visas som romber och skrivs ut i text.</li>
          <li>Breda tabeller rullar i sidled inom sin ram: markera ramen med Tabb och rulla med piltangenterna.</li>
          <li>Samsyn följer webbläsarens textstorlek och zoom (även 200 %) och inställningen för minskade rörelser.</li>
        </ul>
      </section>
    </>
  );
}
