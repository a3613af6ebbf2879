"""The page "Ord och begrepp": what the status words mean, and a short glossary for readers.

The status words and their meanings come from the model's Status, so the page and the short
legends beside the tables (templates/_legend.j2) say the same thing. The glossary is for readers
of the färdplan; editors have their own (docs/redaktorer/ordlista.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from fardplan.data import routes
from fardplan.data.model import Status

# The page is registered in data/routes.py (ROUTES).
URL = routes.GLOSSARY_URL
# The section on statuses, which every short legend links to.
STATUS_ANCHOR = "status"
STATUS_URL = f"{URL}#{STATUS_ANCHOR}"


@dataclass(frozen=True)
class Term:
    word: str
    id: str  # the anchor, ord-<id>, so a page can link to one word
    explanation: str
    # "Se …": a site-relative page URL (with an optional #anchor) and the page's name.
    more: tuple[str, str] | None = None

    @property
    def anchor(self) -> str:
        return f"ord-{self.id}"


# In Swedish alphabetical order. Plain words: a reader should not need another dictionary.
TERMS = (
    Term(
        "Ansvarig",
        "ansvarig",
        "Den nämnd eller styrelse som ska se till att en åtgärd blir gjord.",
        (routes.BODIES_URL, "Ansvariga"),
    ),
    Term(
        "Behov",
        "behov",
        "Något i äldreomsorgen som behöver bli bättre. Varje område i färdplanen har flera behov, och "
        "för varje behov står vad som görs nationellt, vad som görs lokalt och vad som behöver göras mer.",
    ),
    Term(
        "Departementsskrivelse (Ds)",
        "ds",
        "En utredning som har gjorts inom Regeringskansliet. Den kan bli underlag för en proposition.",
    ),
    Term(
        "Diarienummer",
        "diarienummer",
        "Numret som ett ärende har fått när det registrerades. Skriv det när du skriver om färdplanen, "
        "så hamnar det du skriver i rätt ärende.",
    ),
    Term(
        "Lag och lagändring",
        "lag",
        "Regler som riksdagen har beslutat och som alla måste följa. En lagändring ändrar en lag som "
        "redan finns. Äldreomsorgen styrs bland annat av socialtjänstlagen.",
    ),
    Term(
        "Löpande",
        "lopande",
        "En tidshorisont utan slutår: arbetet pågår hela tiden.",
    ),
    Term(
        "Mått",
        "matt",
        "En siffra som visar om det blir bättre för ett behov, till exempel hur nöjda de äldre är. "
        "Måtten följs år för år och visas i diagram.",
    ),
    Term(
        "Nationellt initiativ",
        "nationellt-initiativ",
        "Något som staten gör för äldreomsorgen: en lag, ett statsbidrag, en utredning eller en "
        "överenskommelse.",
        (routes.INITIATIVES_URL, "Nationella initiativ"),
    ),
    Term(
        "Nämnd",
        "namnd",
        "En grupp politiker som fullmäktige har valt för att leda en verksamhet, till exempel "
        "äldreomsorgen. Nämnden beslutar hur arbetet ska göras och ansvarar för att det blir gjort.",
    ),
    Term(
        "Område",
        "omrade",
        "En av färdplanens stora delar, till exempel personal och kompetens. Varje område har en egen "
        "sida med sina behov.",
    ),
    Term(
        "Proposition",
        "proposition",
        "Ett förslag från regeringen till riksdagen, oftast om en ny lag eller en lagändring. "
        "Riksdagen beslutar om förslaget.",
    ),
    Term(
        "Remiss",
        "remiss",
        "Innan ett förslag beslutas skickas det till andra, så att de kan säga vad de tycker. Då är "
        "förslaget ute på remiss. Det som kommer in läses innan förslaget beslutas.",
        (routes.REMISS_URL, "Remiss och remissvar"),
    ),
    Term(
        "Remissinstans",
        "remissinstans",
        "En nämnd, ett råd, en förening eller någon annan som har blivit ombedd att svara på en remiss. "
        "Även den som inte har blivit ombedd får lämna synpunkter.",
    ),
    Term(
        "SOU",
        "sou",
        "Statens offentliga utredningar: den serie där statliga utredningar ges ut, till exempel "
        "SOU 2022:41. En utredning lämnar förslag; regeringen och riksdagen beslutar sedan.",
    ),
    Term(
        "Statsbidrag",
        "statsbidrag",
        "Pengar från staten till kommuner och regioner för något bestämt, till exempel för att "
        "utbilda personal. Ett statsbidrag gäller ofta bara några år.",
    ),
    Term(
        "Status",
        "status",
        "Hur långt en åtgärd har kommit: föreslagen, planerad, pågår, genomförd eller avbruten.",
        (STATUS_URL, "Vad statusen betyder"),
    ),
    Term(
        "Styrelse",
        "styrelse",
        "Kommunstyrelsen eller regionstyrelsen leder och samordnar arbetet och håller uppsikt över "
        "nämnderna.",
    ),
    Term(
        "Tidshorisont",
        "tidshorisont",
        "När något ska vara klart: ett år (2024), några år (2023–2025) eller löpande. Ett behov ska "
        "vara omhändertaget inom sin tidshorisont, och en åtgärd ska vara gjord inom sin.",
        (routes.TIMELINE_URL, "Tidslinje"),
    ),
    Term(
        "Tidshorisonten har passerat",
        "passerat",
        "Åtgärdens sista år är slut, men åtgärden är inte genomförd och inte avbruten. Den är alltså "
        "försenad, eller så har ingen uppdaterat statusen.",
    ),
    Term(
        "Uppföljning",
        "uppfoljning",
        "Att regelbundet se efter hur det går: om åtgärderna blir gjorda, om måtten visar att det blir "
        "bättre och om uppgifterna i färdplanen fortfarande stämmer.",
        (routes.FOLLOW_UP_URL, "Uppföljning"),
    ),
    Term(
        "Utredning",
        "utredning",
        "Ett uppdrag från regeringen att ta reda på fakta och föreslå vad som bör göras. Resultatet "
        "ges oftast ut som en SOU.",
    ),
    Term(
        "Åtgärd",
        "atgard",
        "Något som görs eller ska göras för ett behov. Varje åtgärd har en ansvarig och en status, och "
        "det som behöver göras mer har också en tidshorisont.",
        (routes.ACTIONS_URL, "Åtgärder"),
    ),
    Term(
        "Överenskommelse",
        "overenskommelse",
        "En uppgörelse mellan staten och Sveriges Kommuner och Regioner (SKR), ofta med pengar för ett "
        "visst arbete under ett visst år.",
    ),
)


# Every status in the vocabulary's order, for the legends.
STATUSES = tuple(Status)
