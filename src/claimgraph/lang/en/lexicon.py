"""English words the attribution stage reads: cue verbs and nouns, the stance each cue
carries, speaker titles and heads, and the words around cues the rules look for.

Lemmas, lower case. Written by the team from general knowledge of reporting verbs;
PolNeAR's guidelines count verbs of saying, of belief and of intention as cues.
Loaded by key through :func:`claimgraph.lang.lexicon` ("en"); another language is a
module with the same names beside this one.
"""

from __future__ import annotations

import re

# Verbs that report speech or writing: they take a clause, a quote or an object.
SPEECH_VERBS = frozenset(
    """
    say tell add write ask note report announce suggest explain argue declare state
    claim insist deny confirm reply respond answer remark comment continue repeat reiterate
    tweet post blog testify acknowledge admit concede warn caution predict promise pledge
    vow vouch assure affirm allege assert contend maintain observe point recall recount
    describe call urge demand propose recommend accuse criticize criticise condemn denounce
    decry slam blast attack praise welcome endorse back support oppose reject dismiss
    question doubt dispute challenge rebut counter refute complain lament
    threaten boast brag joke quip muse speculate estimate forecast project calculate
    disclose reveal tell inform advise brief notify reassure stress emphasize emphasise
    underscore highlight mention cite quote indicate signal hint imply concede
    conclude find show suggest indicate reveal
    agree disagree acknowledge recognize recognise
    order instruct direct request plead appeal beg implore invite encourage
    announce proclaim pronounce decree rule
    charge blame fault credit thank apologize apologise congratulate
    mock ridicule deride scoff sneer lambast berate chide rebuke scold
    shout yell scream whisper mutter murmur cry exclaim
    voice express air raise
    speak talk discuss decline refuse
    """.split()
)

# Verbs of belief, knowledge, perception and intention (PolNeAR counts them).
BELIEF_VERBS = frozenset(
    """
    believe think feel know suspect fear hope expect worry wonder consider
    reckon guess assume presume suppose imagine doubt trust understand realize realise
    want wish plan intend aim seek hope prefer decide determine
    learn discover
    """.split()
)

CUE_VERBS = SPEECH_VERBS | BELIEF_VERBS

# Verbs too common in other senses to be cues unless they take a clause or a quote.
NEEDS_CLAUSE = frozenset(
    """
    add continue find show point raise answer state project note count
    charge credit allow grant direct order rule back support attack counter question
    understand realize realise learn discover know feel see aim determine decide call
    expect maintain
    """.split()
)

# Verbs of intention: PolNeAR counts "plans to", "decided to" as attributions; a
# statement (claimgraph's default scope) is something said, so they are left out there.
INTENT_VERBS = frozenset("want wish plan intend aim seek prefer decide determine".split())

# Cue verbs whose bare noun-phrase object is what they judge, ask for or make known
# ("criticised a policy", "asked taxes from", "announced the locations"): with other
# verbs a bare noun phrase is a statement only when the noun is itself something said
# or decided (PROPOSITION_NOUNS, CUE_NOUNS).
OBJECT_CUES = frozenset(
    """
    criticize criticise praise condemn denounce decry slam blast lambast blame accuse fault
    credit thank ask request demand welcome reject dismiss question dispute challenge call
    urge characterize characterise describe rate label brand dub
    protest
    """.split()
)
# Verbs that name their object as something: what the object is named is part of the
# content ('called the plan "reckless"', "described the rise as modest").
NAMING_VERBS = frozenset("call describe label brand dub term characterize characterise".split())
# Verbs whose object is what others said of their subject: "has drawn criticism for",
# "faced condemnation", "won praise": the subject is the target, not the speaker.
TARGET_VERBS = frozenset(
    "draw receive face attract earn win get garner meet spark provoke prompt trigger".split()
)
# Nouns that are something said or decided, beside CUE_NOUNS (which are too).
PROPOSITION_NOUNS = frozenset(
    """
    account agreement approach ban bill deal decision idea law measure move plan policy
    position possibility proposal ruling sentence stance story strategy theory verdict
    """.split()
)

# Adverbs that report with no source named ("the navy reportedly saved ...").
REPORT_ADVERBS = frozenset("reportedly allegedly reported".split())

# Nouns that introduce attributed content: "the denial that ...", "claims of ...".
CUE_NOUNS = frozenset(
    """
    denial claim allegation accusation report reports statement assertion argument
    suggestion warning promise pledge vow insistence admission acknowledgement
    acknowledgment announcement rumour rumor charge criticism complaint demand call
    appeal plea prediction estimate assessment finding conclusion belief view opinion
    fear fears concern concerns hope hopes suspicion testimony remark remarks message
    rejection dismissal condemnation praise endorsement
    """.split()
)

# Cue lemma -> the stance the speaker takes toward the content.
DENY_CUES = frozenset(
    """
    deny dismiss reject refute rebut dispute decry denounce condemn slam blast
    criticize criticise lambast counter contradict debunk disown disavow scoff ridicule
    mock deride doubt question challenge denial rejection dismissal condemnation
    criticism
    """.split()
)
# What protesters carry: its words are the carrier's ("a sign demanding ...").
INSCRIPTIONS = frozenset("sign placard banner poster billboard plaque slogan t-shirt".split())
QUESTION_CUES = frozenset("ask wonder question query doubt".split())
CALL_CUES = frozenset("call urge demand request appeal plead implore press push ask".split())
# A content that is itself a call: "We urge the governments to ...", "a review is needed".
CALL_CONTENT = re.compile(
    r"^\W*(we|i)\s+(urge|call on|call for|ask|appeal to|demand|implore)\b|"
    r"\b(is|are)\s+(needed|necessary|required)\W*$",
    re.I,
)
# "asked why ...", "asked whether ...": a question, not a call.
WH_WORDS = frozenset("why whether if how what when where who which".split())
# Cues that ask someone to act when their content is an infinitive ("asked X to ...",
# "proposed measures to ...") or a thing to do.
ACTION_CUES = CALL_CUES | frozenset(
    "propose recommend encourage advise instruct order invite beg petition plea".split()
)
INVESTIGATE_WORDS = frozenset(
    "investigate investigation inquiry enquiry probe examine examination review".split()
)
SUPPORT_CUES = frozenset(
    """
    support back endorse confirm corroborate echo praise welcome agree affirm defend
    vouch
    """.split()
)

# Subjects that are reporting outlets or documents rather than people.
DOCUMENT_NOUNS = frozenset(
    """
    report study survey poll document memo letter statement filing ruling analysis
    data figures record records audit review book article paper story investigation
    """.split()
)
OUTLET_NOUNS = frozenset(
    """
    newspaper paper agency outlet broadcaster network channel magazine site website
    tabloid daily weekly wire station
    """.split()
)
# Role nouns of people who speak for someone else.
SPOKES_NOUNS = frozenset(
    """
    spokesman spokeswoman spokesperson spokespeople representative secretary aide
    adviser advisor official officials source sources press
    """.split()
)
ANON_HEADS = frozenset(
    """
    spokesman spokeswoman spokesperson spokespeople official officials source sources
    aide aides insider insiders person people someone diplomat diplomats officer
    officers staffer staffers adviser advisers advisor advisors member members
    representative representatives analyst analysts expert experts observer observers
    witness witnesses resident residents lawyer lawyers
    """.split()
)
GROUP_HEADS = frozenset(
    """
    groups group activists campaigners protesters protestors organisations organizations
    critics supporters opponents residents voters lawmakers legislators democrats
    republicans leaders governments countries nations editors scientists researchers
    experts doctors officials authorities police investigators prosecutors unions
    families victims survivors members workers students teachers parents economists
    analysts observers witnesses diplomats ministers senators
    """.split()
)
# Plural common nouns that name bodies that speak, beside GROUP_HEADS and ANON_HEADS:
# what "they" can stand for ("Several scenarios were considered. They estimated ...":
# not the scenarios).
SPEAKING_BODIES = frozenset(
    """
    companies firms agencies councils courts teams banks parties schools universities
    hospitals charities ministries departments committees newspapers networks clubs
    """.split()
)
PRONOUNS = frozenset("he she they i we it you who which that this these those".split())


# -- the rules engine: what goes with a cue ------------------------------------------

# Prepositions that introduce a cue verb's content ("called for ...").
CUE_PREPS = {
    "call": ("for", "on"),
    "ask": ("about", "for"),
    "talk": ("about",),
    "speak": ("about", "of"),
    "refer": ("to",),
    "point": ("to",),
    "complain": ("about",),
    "warn": ("of", "about", "against"),
    "argue": ("for", "against"),
    "push": ("for",),
    "press": ("for",),
    "appeal": ("for",),
    "accuse": ("of",),
    "write": ("about",),
    "comment": ("on",),
    "reflect": ("on",),
    "hint": ("at",),
    "joke": ("about",),
    "agree": ("with",),
    "disagree": ("with",),
    "hit": ("at",),
    "lash": ("at",),
}
INSTRUMENT_NOUNS = frozenset(
    "statement interview letter email e-mail tweet post message release speech "
    "conference briefing op-ed column memo filing".split()
)
WHEN_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight "
    "then later earlier recently".split()
)
FOCUS_WORDS = frozenset("even only also just both either neither but and".split())
LINK_VERBS = frozenset("continue begin start go keep try seem appear".split())
# First words of a "Label: text" line that is not a speaker and a quote.
LABEL_WORDS = frozenset(
    "update note editor correction photo photos watch video petition read related see "
    "listen more subscribe advertisement sign share follow source sources credit image".split()
)


# -- speakers ---------------------------------------------------------------------------

# Titles before a person's name, stripped to read the name ("Mayor Marta Velasco").
# Council, police, church, academic and deputy titles, in both title lists below:
# "Councillor Ivo Maras" is Ivo Maras.
OFFICE_TITLES = frozenset(
    """
    deputy councillor councilor councilman councilwoman councilmember alderman alderwoman
    inspector detective sergeant lieutenant superintendent sheriff professor coach
    bishop archbishop cardinal rabbi imam pastor
    """.split()
)
TITLES = (
    frozenset(
        """
    mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. prof prof. rev rev.
    president senator governor minister secretary chancellor mayor judge justice
    representative congressman congresswoman speaker leader chairman chairwoman
    prime commissioner ambassador general sir lord lady king queen prince princess
    """.split()
    )
    | OFFICE_TITLES
)
QUANTIFIERS = frozenset(
    "hundreds thousands dozens scores millions tens some many most several few all".split()
)
SPOKES = frozenset(
    "spokesman spokeswoman spokesperson spokespeople secretary representative aide".split()
)
PERSON_ROLES = frozenset(
    """
    president leader minister premier chancellor senator governor mayor king queen
    prince chief chairman chairwoman candidate nominee secretary ambassador general
    commander head founder director ceo judge prosecutor spokesman spokeswoman
    spokesperson lawyer attorney author actor star official
    """.split()
)

# Titles the store strips to match people across articles (claimgraph.store.entities).
# Not the same list as TITLES: merging them would change both speaker resolution and
# entity matching; kept apart, side by side, until a change measures both.
NAME_TITLES = (
    frozenset(
        """
    mr mrs ms miss dr prof sir dame lord lady president prime minister pm senator sen rep
    gov governor gen general col colonel capt captain sgt rev father chancellor king queen
    prince princess judge justice mayor secretary ambassador spokesman spokeswoman
    spokesperson
    """.split()
    )
    | OFFICE_TITLES
)


# -- stance -----------------------------------------------------------------------------

# Content that denies ("no evidence", "is false") and content that asks.
NEG_CONTENT = re.compile(
    r"\b(no (reason|evidence|proof|basis|truth)|not (true|believe|real)|nothing to|"
    r"never (happened|existed)|(is|are|was|were) (false|fake|untrue|lies|baseless)|"
    r"fake news|hoax|fabricat\w+|unfounded|baseless|lies?\b|doesn[’']t exist|"
    r"does not exist|no such|distort\w*|information attack|provocative)",
    re.I,
)
QUESTION_END = re.compile(r"\?\s*[”\"’']?\s*$")


# -- claims: the stance model's word features (claims/features.py) --
REFUTE = frozenset(
    """deny denies denied denial denials denying debunk debunks debunked debunking hoax hoaxes
    fake fakes faked fraud fraudulent false falsely untrue baseless bogus myth myths rumor-mill
    refute refutes refuted refuting reject rejects rejected dismiss dismisses dismissed
    dispute disputes disputed contradict contradicts nonsense lie lies lied lying satire
    satirical spoof parody prank photoshop photoshopped doctored misleading misreported
    wrong incorrect unfounded fabricated fabrication invented scam nope""".split()
)
REFUTE_PHRASES = (
    "not true",
    "no evidence",
    "not real",
    "isn't real",
    "is not",
    "are not",
    "was not",
    "were not",
    "did not",
    "does not",
    "do not",
    "has not",
    "have not",
    "had not",
    "will not",
    "won't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "didn't",
    "doesn't",
    "don't",
    "hasn't",
    "haven't",
    "no,",
    "not so",
    "turns out",
    "actually",
    "despite reports",
    "despite rumors",
    "despite rumours",
    "contrary to",
    "too good to be true",
    "no such",
    "never happened",
    "no plans",
    "not planning",
    "shoots down",
    "shot down",
    "puts to rest",
    "laid to rest",
    "clears up",
    "set the record straight",
    "fact check",
    "fact-check",
    "death hoax",
    "not dead",
    "alive and well",
    "still alive",
    "is alive",
    "calls bs",
    "rubbish",
)
HEDGE = frozenset(
    """reportedly report reports reported rumor rumors rumour rumours rumored rumoured claim
    claims claimed claiming alleged allegedly allegation allegations may might could possibly
    possible apparently appears appear seems seem suggest suggests suggesting speculation
    speculate speculates unconfirmed unverified purportedly purported supposedly supposed
    believed thought likely unlikely potential potentially considering consider considers
    mulling mulls eyes eyeing weighing plans planning expected expects could-be
    maybe perhaps if whether source sources insider insiders tipped hints hint hinted
    rumoured leak leaked leaks says say said according""".split()
)
HEDGE_PHRASES = (
    "according to",
    "is said to",
    "are said to",
    "said to be",
    "may have",
    "might have",
    "could be",
    "may be",
    "sources say",
    "source says",
    "report says",
    "reports say",
    "officials say",
    "not confirmed",
    "yet to confirm",
    "no confirmation",
    "can't confirm",
    "cannot confirm",
    "investigat",
    "probe",
    "questions",
    "mystery",
    "confusion",
    "is this",
    "is it",
    "did he",
    "did she",
    "did they",
    "what we know",
    "what you need to know",
)
SUPPORT_WORDS = frozenset(
    """confirm confirms confirmed confirmation proof proves proved proven true indeed
    official officially announces announced announce reveals revealed shows showed
    finally video photo photos watch footage""".split()
)
QWORDS = frozenset(
    "is are was were did does do could can will would should has have who what why how".split()
)
NEG_WORDS = frozenset("not no never none nothing nobody n't cannot without".split())


# -- claims: cues a claims reader takes as denying or supporting (claims/members.py) --
CLAIM_DENY_CUE = re.compile(
    r"\b(den(y|ies|ied|ying|ial|ials)|dismiss\w*|reject\w*|refut\w*|rebut\w*|debunk\w*|"
    r"disput\w*|decr(y|ies|ied|ying)|contest\w*|disavow\w*|contradict\w*|hit(s|ting)? out|"
    r"slam\w*|ridicul\w*|scoff\w*|mock\w*|downplay\w*|brush(ed|es)? (it )?off|doubt\w*|"
    r"condemn\w*|lambast\w*|derid\w*|discredit\w*|quash\w*|shot down|shoot(s)? down)\b"
)
CLAIM_SUPPORT_CUE = re.compile(
    r"\b(support\w*|back(s|ed|ing)?|endors\w*|echo\w*|corroborat\w*|confirm\w*|"
    r"agree\w*|welcom\w*|vindicat\w*|second(s|ed)?|champion\w*)\b"
)


# -- claims: negation, anaphors and finite verbs in a content (claims/proposition.py) --
NEGATION = re.compile(
    r"\b(no|not|never|none|nothing|nobody|neither|nor|cannot|without)\b|n't\b|n’t\b"
)
DEMONSTRATIVES = frozenset({"these", "those", "this", "that", "such", "the", "its", "their"})
REPORT_NOUNS = frozenset(
    """allegation allegations claim claims report reports rumour rumours rumor rumors
    article articles story stories accusation accusations charge charges account accounts
    statement statements assertion assertions""".split()
)
FINITE = frozenset(
    """is are was were am be been will would can could should may might must shall has have
    had do does did won't can't isn't aren't wasn't weren't""".split()
)


# -- claims: the stance of a headline or content, by rule (claims/stance.py) --
HEADLINE_QUESTION = re.compile(
    r"(\?\s*['\"]?\s*$)|^(is|are|was|were|did|does|do|could|can|will|would|has|have)\b.*\?"
)
HEADLINE_INVESTIGATE = re.compile(
    r"\b(investigat\w*|inquir(y|ies)|probe[sd]?|look(s|ed)? into|examin\w*)\b"
)
HEADLINE_ACTION = re.compile(
    r"\b(urg(e|es|ed|ing)|demand\w*|call(s|ed|ing)? (on|for)|must|should)\b"
)


HEADLINE_DENY = re.compile(
    r"\b(den(y|ies|ied|ial)|refute[sd]?|debunk(ed|s)?|hoax|fake|false|not true|"
    r"no evidence|untrue|baseless|bogus|isn't|aren't|wasn't|never)\b"
)
HEADLINE_HEDGE = re.compile(
    r"\b(reportedly|rumou?rs?|rumou?red|claims?|claimed|alleged(ly)?|may|might|could|"
    r"possibl[ey]|apparently|suggests?|speculat\w*|unconfirmed|report(s|ed)?)\b"
)


# -- claims: words that say nothing of what a claim is about (claims/text.py) --
_STOP = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say saying told tells new news report reports reported
    according via after amid us"""
STOPWORDS = frozenset(_STOP.split())
