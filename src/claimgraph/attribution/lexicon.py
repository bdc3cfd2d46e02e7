"""Word lists the rules use: cue verbs and nouns, and the stance each cue carries.

Lemmas, lower case. Written by the team from general knowledge of reporting verbs;
PolNeAR's guidelines count verbs of saying, of belief and of intention as cues.
"""

from __future__ import annotations

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
QUESTION_CUES = frozenset("ask wonder question query doubt".split())
CALL_CUES = frozenset("call urge demand request appeal plead implore press push ask".split())
# Cues that ask someone to act when their content is an infinitive ("asked X to ...",
# "proposed measures to ...") or a thing to do.
ACTION_CUES = CALL_CUES | frozenset(
    "propose recommend encourage advise instruct order invite beg".split()
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
PRONOUNS = frozenset("he she they i we it you who which that this these those".split())
