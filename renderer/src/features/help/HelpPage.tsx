import { PageHeader } from '../../components/ui';
import { stepLabels } from '../../../../shared/labels.sv';

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
      <section className="card" aria-labelledby="h-lib">
        <h2 id="h-lib">Biblioteksfilen</h2>
        <p>
          En biblioteksfil (<code>.samsyn-bibliotek.json</code>) innehåller vägledande fall från en delregion. Den är signerad med delregionens nyckel: ändras något efter
          export vägrar Samsyn att läsa in den. Första gången du tar emot en fil från en ny avsändare visas nyckelns fingeravtryck så att du kan jämföra det med avsändaren
          innan du litar på den. Inga personuppgifter får lämna arbetsytan: exporten stoppas om en text innehåller personnummer, telefonnummer eller e-postadresser.
        </p>
      </section>
    </>
  );
}
