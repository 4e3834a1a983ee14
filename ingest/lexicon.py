"""The one home of English in the code base: word lists and patterns, data only.

Quote attribution (:mod:`ingest.quotes`) reads the cue verbs, role words and
organisation heads; sentence splitting (:mod:`ingest.text`) the abbreviations;
loaders the headline limit; answering (:mod:`assistant`) the stop words, the
words that say *that* something was said, question words and pronouns. Logic
lives in those modules, never here.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path


def _words(text: str) -> frozenset[str]:
    """A word list written as one string (compact, and easy to scan)."""
    return frozenset(text.split())


HAND_CUES = (
    "said|says|say|told|tells|added|adds|mentioned|mentions|noted|notes|stressed|stresses|insisted|insists|"
    "warned|warns|argued|argues|claimed|claims|stated|states|explained|explains|wrote|writes|tweeted|"
    "asked|asks|replied|responded|declared|announced|announces|acknowledged|acknowledges|admitted|admits|"
    "conceded|suggested|suggests|predicted|predicts|promised|vowed|urged|urges|called|calls|"
    "referred to|refers to|accused|accuses|dismissed|dismisses|denied|denies|confirmed|confirms|reported|reports|"
    "recalled|cautioned|emphasized|emphasised|observed|continued|concluded|complained|countered|contended|"
    "maintained|pointed out|testified|blamed|blames|criticized|criticised|praised|described|describes|"
    "highlighted|believes|believed|thinks|thought|agreed|welcomed|condemned|charged|alleged|"
    "has learned|estimated|estimates|disputed|rejected|indicated|revealed|hinted|boasted|joked|quipped|"
    "recounted|lamented|conceded|questioned|wondered|demanded|pledged|signaled|signalled|forecast|found|"
    "exhorted|thanked|judged|likened|blasted|slammed|ripped|knocked|touted|defended|hailed|mocked|attacked|"
    "lashed out|chided|scolded|pressed|called on|apologized|apologised|endorsed|echoed|expects|expected|"
    "hopes|hoped|fears|feared|worries|worried|wants|wanted|plans|planned|insists|argues|recommends|recommended|"
    "proposed|proposes|vowed|vows|threatened|threatens|acknowledged|conceded|emphasizes|emphasises|highlights|"
    "documents|contends|maintains|reiterated|reiterates|repeated|answered|retorted|shot back|fired back|"
    "explained|elaborated|announced|disclosed|asserted|asserts|opined|remarked|remarks|muses|mused|sighed|"
    "yelled|shouted|cried|pleaded|begged|conceded|cautions|notes|observes|reckons|reckoned|estimates|"
    "projected|projects|shows|showed|suggests|indicates|concluded|concludes|finds|calculated|argued|"
    "endorses|exhorts|thanks|blasts|slams|rips|defends|hails|mocks|attacks|urged|echoes|likens|judges|"
    "went on to say|went on to discuss|went on(?! to)|pointed to|weighed in|chimed in|spoke|speaks|discussed|discusses|"
    # reporting verbs of English grammar not yet above
    "proclaimed|proclaims|emailed|texted|messaged|penned|downplayed|downplays|credited|credits|remembered|"
    "remembers|lauded|lauds|vouched for|bemoaned|bemoans|interjected|sniped|derided|derides|speculated|"
    "speculates|characterized|characterised|informed|assured|reassured|notified|briefed|requested|"
    "appealed|disagreed|disagrees|objected|protested|retracted|congratulated|put it|"
    "contested|refuted|rebutted|chides|praises|denounces|denounced|explains|"
    "articulated|articulates|labeled|labelled|branded|chastised|chastises|castigated|lambasted|lambastes|"
    "assailed|assails|scoffed|scoffs|"
    # a participle after a comma ("…, warning that …"), never the noun ("Stoltenberg’s warning")
    "(?<=, )(?:acknowledging|conceding|insisting|arguing|warning|noting|adding|explaining|saying|declaring|"
    "claiming|asserting|stressing|predicting)"
)
HAND_CUE = re.compile(rf"\b(?:{HAND_CUES})\b")
# Cue verbs learned from the PolNeAR training articles by `make train-attribution` (evaluation.cues).
LEARNED_CUES_FILE = Path(__file__).with_name("data") / "cues.txt"
# Given names of one sex, from name registers worldwide (``make given-names``).
GIVEN_NAMES = Path(__file__).with_name("data") / "given_names.tsv"


def read_cues(path: Path = LEARNED_CUES_FILE) -> tuple[str, ...]:
    """The learned cue verbs of a cues file (none when it is missing)."""
    return tuple(path.read_text("utf-8").split()) if path.is_file() else ()


def cue_pattern(learned: tuple[str, ...]) -> re.Pattern[str]:
    """The cue pattern: the hand-written cues and the learned ones."""
    # never the end of a hyphenated word: "a six-pointed star"
    return re.compile(rf"(?<![\w-])(?:{'|'.join([HAND_CUES, *map(re.escape, learned)])})\b")


LEARNED_CUES = read_cues()
CUE = cue_pattern(LEARNED_CUES)
# Headlines are in title case: "Trump Could Address Clean Energy, Lindsey Graham Says".
HEADLINE_CUE = re.compile(
    r"\b(?:Says|Said|Calls|Slams|Blasts|Urges|Warns|Endorses|Accuses|Defends|Praises|Rips|Tells|Claims|Insists|Admits|Vows|"
    r"Explains|Backs|Denounces|Chides|Predicts|Reveals|Rejects|Responds|Demands|Questions|Mocks|Dismisses|Denies|"
    r"Argues|Declares|Announces|Pledges|Promises|Suggests|Thinks|Believes|Agrees|Knocks|Bashes|Hits Back|Fires Back|"
    r"Lashes Out|Weighs In|Sounds Off|Speaks Out|Questions|Touts|Hails|Lauds|Condemns|Criticizes|Attacks|Wants)\b"
)
HEADLINE_COLON = re.compile(r"^\s*([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})\s*:\s+\S")
ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)

# Lower-case words that may stand inside or at the head of a speaker phrase.
ROLES = _words(
    """
    spokesperson spokesman spokeswoman spokespeople minister ministers secretary secretary-general
    president vice-president chief official officials diplomat diplomats ambassador leader leaders
    senator speaker governor director mayor captain coordinator analyst analysts adviser advisor aide aides
    chairman chairwoman chair commissioner general envoy premier chancellor candidate nominee
    manager strategist economist economists expert experts representative congressman congresswoman
    lawmaker lawmakers attorney lawyer prosecutor judge justice sheriff officer officers commander
    head founder executive ceo professor researcher researchers scientist pollster host anchor
    reporter correspondent editor columnist author activist advocate advocates organizer organiser source sources
    witness witnesses resident residents passenger passengers doctor physician campaign ministry
    government police department agency company firm group report poll survey study statement
    investigators authorities critics supporters voters administration committee council newspaper
    paper network deputy foreign defence defense prime interior finance acting former
    top senior high press state federal national regional local military intelligence security
    """
)
# Capitalised heads that make the whole phrase an organisation's name.
ORG_HEADS = _words(
    """
    ministry council committee authority society agency department office party commission court
    bank fund union institute foundation center centre post times news journal group association
    league alliance accord service administration government kremlin nato congress senate house
    police army navy campaign network organization organisation coalition federation board bureau
    company corporation inc ltd chamber consortium centers centres
    """
)
# Words that end a description: the phrase goes on to something else ("said Obama in New York").
NOT_DESCRIBING = _words(
    """
    a an the in on at to for from with by about after before during while when as and or but than
    that who whom whose which where since until into onto over under near across against among
    between through via per without within of told said says wrote added is was are were be been
    has had have will would could should may might can also then not his her their its this these
    those there here
    """
)
TRAILING_TIME = re.compile(
    r"(?:\s+(?:on|late|early|last|this|earlier|later))?\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"today|yesterday|week|month|year|night|morning|afternoon|evening)(?:\s+(?:morning|afternoon|evening|night))?\s*$",
    re.IGNORECASE,
)
CONNECTORS = frozenset(
    {"of", "the", "for", "to", "de", "van", "von", "der", "al", "bin", "la", "le", "and", "&"}
)
DETERMINERS = frozenset({"the", "a", "an", "one", "another", "two", "three", "several", "many", "some"})
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
# Adverbs a title-case headline capitalises between a name and its verb: "Al Sharpton Just Said …".
HEADLINE_ADVERBS = _words(
    "just finally perhaps again only also now still already reportedly quietly officially actually even"
)
ADVERBS = _words(
    """
    also additionally immediately later previously repeatedly recently then has have had was were is
    are would will could had already again once often further publicly privately separately flatly
    simply earlier quickly angrily bluntly firmly reportedly allegedly not never still
    """
)
PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "we": "p", "i": "s"}
# First names that name one sex almost always, for "she said" after "Tomas Brill and Ilse Kern":
# common English given names and those frequent in world news. Names given to both (Kelly,
# Lindsey, Jordan, Pat, Dana, Robin, Leslie, Jamie, Casey, Jean, Andrea …) are left out.
_FEMALE_NAMES = _words(
    """
    abigail ada agnes alice alison amanda amy angela angelina ann anna anne annette
    barbara beatrice betsy betty beverly brenda bridget carly carla carmen carol caroline
    catherine cathy cecilia charlotte cheryl christina christine cindy claire claudia colleen
    cynthia debbie deborah debra denise diana diane donna doris dorothy edith eileen elaine
    eleanor elena elisabeth elise eliza elizabeth ellen emily emma erica erin esther eva evelyn
    fiona florence frances gabrielle gail georgina gina gloria grace hannah heather heidi helen
    helena hillary hope huma ilhan irene iris ivanka jacqueline jane janet janice jeanne jennifer
    jessica jill joan joanna josephine joy joyce judith judy julia julie karen kate katherine
    kathleen kathryn kathy katie katrina kayleigh kellyanne kimberly kirsten kristen laura lauren
    linda lisa loretta lori louise lucy lynn madeleine maggie margaret maria marie marilyn
    marina marion marsha martha mary maxine megan megyn melania melanie melissa michelle
    mildred miriam molly monica nancy natalie nicole nikki nina nora olga olivia pamela patricia
    paula pauline penny phyllis priscilla rachel rebecca regina rita roberta rosa rose ruth
    sabrina sally samantha sandra sara sarah sharon sheila shirley sonia sophia sophie stephanie
    susan susanna suzanne sylvia tammy teresa theresa tiffany tulsi ursula valerie vanessa
    veronica victoria virginia wanda wendy yulia yvonne zoe
    """
)
_MALE_NAMES = _words(
    """
    aaron abraham adam alan albert alexander alexei alfred andrew anthony antonio arnold arthur
    barack barry ben benjamin bernard bernie bill bob bobby boris brad brian bruce bryan carl
    carlos charles chris christopher chuck clarence craig dan daniel darrell dave david dennis
    dick dmitry don donald doug douglas duncan dwight earl ed eddie edward emmanuel eric ernest
    eugene evan francis francisco frank fred frederick gary george gerald glenn gordon greg
    gregory harold harry henry herbert howard hugh ian igor ivan jack jacob jake james jason jeb
    jeff jeffrey jens jeremy jerry jim jimmy joe joel john johnny jon jonathan jorge jose joseph
    josh joshua juan julian justin keith ken kenneth kevin kurt larry lawrence leonard louis
    luis luke marco marcus mark martin matt matthew michael mike mitch mitt mohammed muhammad
    nathan neil newt nicholas nick oleg oliver omar patrick paul peter philip phillip ralph
    rand randy raymond reince richard rick rob robert roger ron ronald rudy rupert russell ryan
    sam samuel scott sean sergei sergey seth stephen steve steven stuart ted terry thomas tim
    timothy todd tom tony victor vladimir volodymyr walter warren wayne william xavier yuri
    """
)
_NAME_GENDER = {**dict.fromkeys(_FEMALE_NAMES, "f"), **dict.fromkeys(_MALE_NAMES, "m")}


# Given names that are also English words ("Rush Limbaugh", "Will Hurd"), and not in the lists
# above: a sentence's first word that the article also writes in lower case is a name only if here.
_WORDLIKE_NAMES = _words(
    """rush will rich grant pat dean jean kelly lindsey jordan sandy dale gene guy rocky buck chase
    drew wade clay dana robin leslie jamie casey rex mo"""
)


# Short forms of given names, for "Chuck Grassley" … "Charles Grassley" in one article. Only
# forms of one sex ("Pat" may be Patrick or Patricia: left out).
_SHORT_FORMS = {
    "william": "bill billy will willie",
    "robert": "bob bobby rob robbie",
    "richard": "dick rick ricky rich",
    "james": "jim jimmy",
    "michael": "mike mickey",
    "charles": "chuck charlie",
    "thomas": "tom tommy",
    "joseph": "joe joey",
    "edward": "ed eddie ted teddy ned",
    "theodore": "ted teddy",
    "daniel": "dan danny",
    "david": "dave",
    "stephen": "steve",
    "steven": "steve",
    "anthony": "tony",
    "andrew": "andy drew",
    "christopher": "chris",
    "matthew": "matt",
    "nicholas": "nick",
    "peter": "pete",
    "samuel": "sam",
    "benjamin": "ben",
    "alexander": "alex",
    "gregory": "greg",
    "jeffrey": "jeff",
    "gerald": "jerry",
    "lawrence": "larry",
    "henry": "hank harry",
    "john": "jack johnny",
    "jonathan": "jon",
    "timothy": "tim",
    "frederick": "fred",
    "donald": "don",
    "douglas": "doug",
    "kenneth": "ken",
    "ronald": "ron",
    "raymond": "ray",
    "walter": "walt",
    "elizabeth": "liz beth betsy betty eliza",
    "katherine": "kate katie kathy",
    "catherine": "kate katie cathy",
    "kathleen": "kathy",
    "margaret": "peggy maggie meg",
    "susan": "sue",
    "deborah": "debbie deb",
    "patricia": "patty patsy",
    "jennifer": "jenny jen",
    "rebecca": "becky",
    "victoria": "vicky",
    "cynthia": "cindy",
    "abigail": "abby",
}
_FULL_FORMS: dict[str, set[str]] = {}
for _full, _shorts in _SHORT_FORMS.items():
    for _short in _shorts.split():
        _FULL_FORMS.setdefault(_short, set()).add(_full)


def short_form(a: str, b: str) -> bool:
    """Whether one given name (lower case) is a short form of the other, or both of one name.

    >>> short_form("chuck", "charles"), short_form("bill", "will"), short_form("bill", "barack")
    (True, True, False)
    """
    return bool(_FULL_FORMS.get(a, {a}) & _FULL_FORMS.get(b, {b}))


def given_name(word: str) -> bool:
    """Whether a word is a known first name (of either list above, or one that is also a word)."""
    low = word.lower()
    return low in _NAME_GENDER or low in _WORDLIKE_NAMES


def name_gender(name: str) -> str:
    """ "m" or "f" when a full name's first word is a first name of one sex, else "".

    The hand lists above come first, then the table of ``ingest/data/given_names.tsv`` (names
    of registers worldwide, see :mod:`evaluation.given_names`); a name that is also a word
    ("Will", "Rush") takes no sex from the table.

    >>> name_gender("Kern"), name_gender("Kelly Ayotte"), name_gender("Will Hurd"), name_gender("Washington Post")
    ('', '', '', '')
    >>> name_gender("Hillary Clinton"), name_gender("Ted Cruz"), name_gender("Lolita Grayson")
    ('f', 'm', 'f')
    """
    parts = name.split()
    if len(parts) < 2:
        return ""
    first = parts[0].lower()
    if first in _NAME_GENDER or first in _WORDLIKE_NAMES:
        return _NAME_GENDER.get(first, "")
    if parts[-1].lower().strip(".") in ORG_HEADS:  # "Washington Post", "Clinton Foundation"
        return ""
    return _given_names().get(first, "")


@cache
def _given_names(path: Path = GIVEN_NAMES) -> dict[str, str]:
    """The sex of each given name of the table (empty when the file is missing)."""
    if not path.exists():
        return {}
    return dict(line.split("\t", 1) for line in path.read_text("utf-8").splitlines() if "\t" in line)


GENDERED_TITLES = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "sir": "m",
    "dame": "f",
}
GENDERED_ROLES = {
    "spokesman": "m",
    "spokeswoman": "f",
    "chairman": "m",
    "chairwoman": "f",
    "congressman": "m",
    "congresswoman": "f",
}
HONORIFICS = _words(
    """
    mr mr. mrs mrs. ms ms. dr dr. sen sen. gov gov. rep rep. gen gen. lt. col. capt. president prime
    minister secretary secretary-general captain chief justice senator governor judge ambassador
    general
    """
)
# Sentence-initial words that are not part of a speaker's name ("But Fowler said").
LEADERS = _words(
    """
    but and yet so still meanwhile however instead now also then while when as
    """
)
# "R-Ill.", "(D-Mass.)", "(D)", "(Tex.)": a party or state tag after a name, not part of it
PARTY_TAG = re.compile(r"\(?[RDI]-[A-Za-z.]+\)?,?|\([RDI]\),?|\([A-Z][a-z]{1,4}\.\),?")
TOKEN = re.compile(r"[A-Za-z][\w.’'-]*|&")
OPEN_QUOTES = '“"‘'
QUOTE_CHARS = '“”"'


# A short first paragraph is an article's headline when it has at most this many characters.
HEADLINE_MAX_CHARS = 200

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = _words(
    """mr mrs ms dr prof sen rep gov gen lt col maj sgt capt adm cmdr st mt jr sr rev hon pres supt insp
    det no nos vol vs etc inc ltd co corp dept est fig approx jan feb mar apr jun jul aug sep sept oct nov
    dec u.s u.k u.n e.u a.m p.m"""
)

# Function words that carry no topic (matching, retrieval and verification drop them).
STOPWORDS = _words(
    """a an the and or but if of to in on at by for with from about as into over after before is are was
    were be been being am do does did done has have had having it its this that these those there here
    what which who whom whose when where why how all any both each few more most other some such no nor
    not only own same so than too very can will just should would could may might must shall i me my we
    our you your he him his she her they them their us also s t"""
)

# Stemmed words that say *that* something was said, not *what*: they are never a question's topic.
SPEECH_WORDS = _words(
    """say tell mention comment remark state speak talk think quote claim describe told stat call refer
    dub label anything something everything anyone someone news latest happen"""
)

# Cues that also name things ("his group, called the Legacy Fund") or whose object is a person,
# never a subject put after them: "…, referred to President Obama as …" is not Obama speaking,
# where "…, said Mr. Sperl" is Sperl.
OBJECT_CUES = _words(
    """called calls named dubbed described told tells accused accuses criticized criticised praised
    praises blamed blames thanked endorsed endorses attacked attacks slammed slams blasted blasts mocked
    mocks urged urges chided scolded congratulated likened defended hailed derided lauded credited
    informed assured reassured notified briefed begged pressed knocked ripped"""
) | {"referred to", "refers to"}
# Nouns of what someone said: "Trump's claim that …" reports Trump's words, "Cruz's team worked …" does not.
SPEECH_NOUNS = _words(
    """claim claims argument arguments point points statement statements remark remarks comment comments
    words language response reply message messages tweet tweets criticism broadside attack attacks
    endorsement conclusion view views position warning warnings promise pledge answer explanation assertion
    suggestion accusation accusations denial speech testimony letter column op-ed retort rebuttal"""
)
# Cue words that are also plural nouns: "the Paris attacks", "Beck's remarks", "growing worries".
NOUN_CUES = _words(
    """remarks claims attacks worries fears hopes plans estimates thanks talks notes projects shows finds calls
    vows pledges promises threats"""
)
# Capitalised words that open a question and are never a name in it.
QUESTION_WORDS = _words("what who whom did does do has have how why when and tell")

# Personal pronouns a question may use for the person of the previous turn.
PERSONAL_PRONOUNS = ("he", "she", "they", "it", "him", "her", "them")
# Words that make a question lean on the previous turn (pronouns, possessives, "else", "also").
FOLLOW_UP_WORDS = (
    *PERSONAL_PRONOUNS,
    "his",
    "its",
    "their",
    "that",
    "this",
    "those",
    "these",
    "else",
    "also",
)

# How a question asks what someone said ("What did X say / tell / warn …?"), multi-word forms included.
QUESTION_CUES = (
    *[
        "say",
        "said",
        "says",
        "saying",
        "tell",
        "told",
        "mention",
        "mentioned",
        "claim",
        "claimed",
        "comment",
        "commented",
        "state",
        "stated",
        "think",
        "thought",
        "stress",
        "stressed",
        "warn",
        "warned",
        "argue",
        "argued",
        "speak",
        "spoke",
    ],
    "been saying",
    "have to say",
    "had to say",
    "to say",
    *["note", "noted", "add", "added"],
)

# Word forms a light stemmer cannot derive ("said" → "say").
IRREGULAR_STEMS = {"said": "say", "says": "say", "told": "tell", "tells": "tell", "men": "man"}
# Titles that may precede a name ("Sen. Lindsey Graham", "President Obama"); not part of the name.
# Titles of several people before their surnames: "Professors Foner and Alba", "Senators Vell and Kern".
PLURAL_TITLES = frozenset(
    ["professors", "senators", "governors", "representatives", "judges", "justices", "drs."]
)
NAME_TITLES = _words(
    """mr mr. mrs mrs. ms ms. dr dr. sir dame sen sen. senator rep rep. representative gov gov. governor
    president pres pres. vice-president secretary gen gen. general lt lt. col col. sgt sgt. capt capt. prof prof.
    professor rev rev. judge justice mayor chairman chairwoman chancellor minister premier sheriff
    speaker ambassador commissioner director chief leader king queen prince pope rabbi father sister
    former then candidate nominee attorney lawmaker congressman congresswoman councilman councilwoman
    detective officer agent coach dean pastor bishop cardinal deputy assemblyman assemblywoman
    state-senator adviser advisor aide spokesman spokeswoman spokesperson host anchor columnist"""
)
# The role a title before a name gives its person ("Sen. Lindsey Graham" is the senator,
# "President Obama" the president), for "the senator said" in the same article.
TITLE_ROLES = {
    "sen": "senator",
    "gov": "governor",
    "rep": "representative",
    "gen": "general",
    "pres": "president",
    "capt": "captain",
    "prof": "professor",
}


# Offices one person rarely holds two of in the same news (a bare surname holding one the person
# of that name never holds is someone else, :mod:`assistant.people`).
OFFICES = frozenset(
    [
        "president",
        "justice",
        "judge",
        "mayor",
        "senator",
        "representative",
        "governor",
        "ambassador",
        "sheriff",
        "pope",
        "king",
        "queen",
        "prince",
        "chancellor",
        "premier",
    ]
)


def title_role(title: str) -> str:
    """The role a title names ("sen." -> "senator", "mayor" -> "mayor"); "" for "mr." and other honorifics.

    >>> title_role("Sen."), title_role("president"), title_role("mr."), title_role("former")
    ('senator', 'president', '', '')
    """
    word = title.lower().rstrip(".")
    word = TITLE_ROLES.get(word, word)
    return word if word in ROLES and word not in ("former", "then", "acting") else ""


# Capitalised words that do not start or end a name: sentence openers, days, months, places' words.
NAME_STOP = _words(
    """the a an this that these those but and or so yet if as by for from in of on to with after about at
    when while though although because since before during until unless meanwhile however instead still
    also then now here there where what who whom which why how all both each every many most some such no
    neither either nor whether than whenever wherever whatever whoever several few various numerous another
    certain not only one two three mr mrs ms monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december jan feb mar apr jun jul
    aug sep sept oct nov dec i i'm i've i'd i'll we you he she it they his her its their our my me us them
    him it's that's there's here's let let's yes no oh well asked according said says told just even
    like over under into via per update watch exclusive breaking read related photo video getty ap reuters
    more less new north south east west republican democrat democratic republicans democrats american
    americans gop"""
)

# Words of a place's name before another capitalised word: "North Korea" and "South Korea" are two
# places, neither a person (whom "he" could be) nor a surname "Korea" with two given names.
COMPASS = frozenset(["north", "south", "east", "west", "n.", "s."])

# Words that never start or end a name of two words or more ("On Oct", "Betty Shelby On", "Before the Paris").
FUNCTION_WORDS = _words(
    """the a an this that these those but and or so yet if as by for from in of on to with after about at when
    while though although because since before during until unless however instead also then now here there
    where what who which why how all both each every many most some such no not only neither either nor
    whether than"""
)
# Capitalised words that start a "First Last" mention without being a first name (case-sensitive).
NOT_FIRST_NAMES = _words(
    """The A An This That But And Mr Mrs Ms Dr President Sen Senator Gov Governor Rep Secretary General
    Chief Justice Judge Mayor Minister Former Vice Speaker Leader When While If As By For From In Of
    On To With After About Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April May June July August September October November December North South East West New
    United Supreme White Prime Foreign Republican Democratic Democrat Republicans Democrats Federal
    National State City County Police"""
)
# Nouns that make a typed name a role ("the foreign minister") rather than a name (assistant.names).
ROLE_NOUNS = _words(
    """minister spokesman spokeswoman spokesperson ambassador mayor captain chief diplomat secretary
    commissioner executive ceo president governor senator director chairman chair head envoy general
    leader official prosecutor judge doctor"""
)
# Words of overview and date questions that are not their topic (assistant.kinds).
OVERVIEW_WORDS = _words(
    """summarize summarise summary overview digest give main stories story articles article material
    briefing coverage news quoted most sum happened happen reported report going on what who this these
    day week month"""
)
# Number words: a sentence holding one (or a digit) carries a quantity (assistant.kinds).
NUMBER_WORDS = _words(
    """one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty
    sixty hundred hundreds thousand thousands million millions billion billions dozen dozens half percent"""
)
