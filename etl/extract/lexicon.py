"""Words the extraction rules look for, in English, Spanish, Portuguese and French.

All entries are folded (lowercase, no accents) so they compare with `fold_word`.
"""

from __future__ import annotations

import re

# Function words, for the language vote (the most frequent words of each language
# that are rare in the other three).
STOPWORDS = {
    "en": frozenset(
        "the of and to in is that for with on was by as are from has have it its this which will".split()
    ),
    "es": frozenset(
        "el la los las del y en que por con para una se al como su sus fue ha este esta".split()
    ),
    "pt": frozenset(
        "o os as do da dos das em que para com uma por ao como seu sua foi nao no na pelo pela".split()
    ),
    "fr": frozenset(
        "le les des du et en que pour avec une par au aux est sur dans ce cette ont qui".split()
    ),
}

# Heads of a person's title ("Mining Minister", "el ministro de ...", "the EnergyX CEO").
TITLE_HEADS = frozenset(
    """
    minister ministers ministra ministro ministre secretary secretario secretaria secretaire
    president presidente presidenta presidente president-elect ambassador embajador embajadora
    embaixador embaixadora ambassadeur ambassadrice commissioner comisionado comisario comissario
    commissaire ceo cfo coo chairman chairwoman chair director directora diretor diretora directeur
    directrice governor gobernador governador gouverneur chancellor canciller chanceler premier
    king queen rey reina prince principe vice-minister viceministro viceministra vice-ministro
    vice-ministre vicesecretario vicesecretaria vice-president vicepresidente vicepresidenta
    vice-presidente vice-presidente vice-president undersecretary subsecretario subsecretaria
    sous-secretaire envoy enviado enviada envoye administrator spokesperson spokesman spokeswoman
    portavoz porta-voz head jefe jefa chefe founder fundador fondateur executive ejecutivo
    executivo chief representative representante representant senator senador senadora senateur
    deputy diputado diputada deputado deputada depute ministry-level counterpart counterparts
    homologo homologa homologue contraparte primeiro-ministro primeira-ministra
    """.split()
)
# Words that may stand before a title head as part of the title ("Second Vice Finance Minister").
TITLE_MODIFIERS = frozenset(
    """
    mining finance foreign trade energy economy economic industry defense defence deputy vice
    second first prime parliamentary state senior acting executive chief general national federal
    interior agriculture environment international development planning resources natural
    affairs commerce investment investments assistant under permanent special principal regional
    ambassador-at-large minerals mines primer primera
    """.split()
)
# Capitalised words that start sentences or titles and are never part of a person's name.
NOT_NAME_WORDS = frozenset(
    """
    the a an el la los las lo un una le les l o os as um uma de del da do des du in on at by for
    from with and y e et ou or but as this these that those its his her their our we he she they
    it i during after before while when where since also however meanwhile according under
    minister ministry ministerio ministere ministerio department departamento state estado etat
    affairs relaciones exteriores foreign finance mining economy trade industry energy
    development planning republic republica government gobierno governo gouvernement president
    presidente bank banco banque organization organisation organizacion organizacao union
    council consejo conselho conseil agency agencia agencia agence fund fondo fundo fonds group
    grupo groupe corporation corp inc ltd company compania companhia societe association summit
    cumbre cimeira sommet convention strategy estrategia minerals critical criticos criticas
    rare earths earth metals energy security seguridad office oficina commission comision
    comissao institute instituto university universidad universidade universite
    monday tuesday wednesday thursday friday saturday sunday lunes martes miercoles jueves
    viernes sabado domingo january february march april may june july august september
    october november december enero febrero marzo abril mayo junio julio agosto septiembre
    octubre noviembre diciembre description facts memorandum joint declaration statement
    agreement acuerdo accord acordo declaracion declaracao tratado treaty partnership
    alianza parceria partenariat talks north south east west central new hon honourable
    honorable excelentisimo excmo sr sra dr dra m mme mlle mr mrs ms srta don dona sir lady
    palace palacio palais casa house center centre centro hall plaza square building tower
    energie energia minas mineria mineracao mines recursos ressources economia economie
    industria industrie comercio commerce exteriores etrangeres relations internationales
    infraestructura infrastructure obras publicas transportes cooperation cooperacion cooperacao
    ministerial meeting reunion dialogue dialogo conference conferencia forum foro
    """.split()
)
# Words that make a capitalised phrase an organisation, not a person.
ORGANIZATION_WORDS = frozenset(
    """
    ministry ministerio ministere department departamento bank banco banque organization
    organisation organizacion organizacao union council consejo conselho conseil agency agencia
    agence fund fondo fundo fonds group grupo groupe corporation corp inc ltd limited plc company
    compania companhia societe association asociacion associacao authority autoridad autoridade
    autorite commission comision comissao institute instituto university universidad
    universidade universite office oficina secretariat secretaria board chamber camara
    nacional nacionales national internacional internacionales international economicas
    economicos geologia geologico geologica
    """.split()
)
# Of those, the ones that are also common surnames ("Mamadou Saliou Camara"): after a
# known given name they end a person's name.
SURNAME_ORGANIZATION_WORDS = frozenset({"camara"})

# Cues that mark a person as a witness of a signing rather than a signatory.
WITNESS_CUES = (
    "in the presence of",
    "in presence of",
    "witnessed by",
    "overseen by",
    "presided over by",
    "presided by",
    "en presencia de",
    "en presencia del",
    "ante la presencia de",
    "presidida por",
    "presidido por",
    "a la que asistio",
    "como testemunha",
    "como testigo",
    "as witness",
    "comme temoin",
    "al que asistio",
    "a la que asistieron",
    "encabezada por",
    "encabezado por",
    "na presenca de",
    "na presenca do",
    "presidida pelo",
    "presidida pela",
    "presidida pelos",
    "presidido pelo",
    "presidido pelos",
    "preside par",
    "presidee par",
    "presidees par",
    "en presence de",
    "en presence du",
    "sous la presidence de",
    "sous l'egide de",
    # "signé entre les ministres X et Y devant le secrétaire d'État Z": Z looked on. Only
    # before an official's title: "ante la demanda de litio, la ministra X firmó" is not.
    "devant le president",
    "devant la presidente",
    "devant le premier ministre",
    "devant le secretaire",
    "devant la secretaire",
    "ante el presidente",
    "ante la presidenta",
    "perante o presidente",
    "perante a presidente",
    "flanked by",
    # "ante la mirada del presidente X", "sob o olhar dos presidentes", "sous le regard du
    # roi": they looked on; "con la presencia del embajador": he was there
    "ante la mirada de",
    "ante la mirada del",
    "bajo la mirada de",
    "bajo la mirada del",
    "sob o olhar de",
    "sob o olhar do",
    "sob o olhar dos",
    "sous le regard de",
    "sous le regard du",
    "sous le regard des",
    "sous les yeux de",
    "sous les yeux du",
    "con la presencia de",
    "con la presencia del",
    "com a presenca de",
    "com a presenca do",
    "avec la presence de",
    "avec la presence du",
    # "Durante una reunión con el presidente X, el subsecretario Y firmó": X was there
    "during a meeting with",
    "durante una reunion con",
    "durante la reunion con",
    "durante uma reuniao com",
    "em reuniao com",
    "lors d'une rencontre avec",
    "lors d'une reunion avec",
)
# Words that share one signing out among several partners ("separate memoranda with A and
# B", "respectively", "each"): one agreement or deal per partner.
DISTRIBUTIVE_WORDS = frozenset(
    "separate separately respectively respectivamente respectivement each cada chacun chacune".split()
)
# Cues that an agreement's signatory list is introduced ("signed by X and Y").
SIGNING_WORDS = frozenset(
    """
    signed sign signs signing inked ink concluded conclude sealed seal adopted adopt firmaron
    firmo firma firman firmado firmada firmar suscrito suscrita suscribieron suscribio suscribir
    sellan sellaron sello selló rubricaron rubrico assinaram assinou assinado assinada assinar
    assinatura firmaram signe signee signent ont signe signature signer conclu conclue signes signees
    rubricado rubricada rubricaram rubricou rubrico rubricaron rubrique rubriques firmadas firmados
    suscritas suscritos suscripcion assinados assinadas formalized formalised formalize formalise
    formalizaron formalizo formalizado formalizada formalizou formalizaram formalise formalisé
    formalisee finalized finalised finalizaron finalizaram finalise
    concretaron concretizaram concretizou oficializaron oficializo oficializaram oficializou
    officialise officialisent enterine paraphe paraphent scelle scellent selaram selou
    fecharam fechou cerraron suscripto suscripta suscriptos suscriptas
    suscriben suscribe rubrican rubrica formalizan oficializan
    assinam assina firmam fecham selam formalizam oficializam concluent conclut
    """.split()
)
# A signer speaking ("we signed", "firmamos", "nous avons signé"): in a quotation, its
# speaker signed (roles._signed_in_own_words).
FIRST_PERSON_SIGNING = (
    "we signed",
    "we have signed",
    "we just signed",
    "we have just signed",
    "we today signed",
    "we also signed",
    "i signed",
    "i have signed",
    "i just signed",
    "firmamos",
    "hemos firmado",
    "he firmado",
    "suscribimos",
    "assinamos",
    "assinei",
    "nous avons signe",
    "avons signe",
    "j'ai signe",
)
# Verbs of reporting, folded ("informó", "a indiqué"): the day right after them ("said on
# Friday", "informó este jueves") is the report's, not the event's.
REPORTING_VERBS = tuple(
    verb.strip()
    for verb in """
    said|says|told|reported|informo|informaron|informou|informaram|dijo|dijeron|disse|disseram|
    indico|indicaron|a indique|ont indique|a precise|preciso
    """.split("|")
)
# Verbs of making a text public, folded ("publicó", "a diffusé"): the day after them is
# when the text came out, an event's date only when the sentence gives no other.
PUBLISHING_VERBS = tuple(
    verb.strip()
    for verb in """
    published|released|publico|publicaron|publicou|publicaram|divulgo|divulgaron|divulgou|
    divulgaram|a publie|ont publie|a diffuse|ont diffuse|dio a conocer|dieron a conocer
    """.split("|")
)
# Verbs of speaking, those of reporting among them ("declaró", "a déclaré"): their speaker
# comments on an event.
SPEECH_VERBS = REPORTING_VERBS + tuple(
    verb.strip()
    for verb in """
    added|wrote|writes|declaro|afirmo|senalo|agrego|explico|destaco|escribio|afirmou|declarou|
    acrescentou|destacou|escreveu|a declare|a affirme|a ajoute|a souligne|a explique|a ecrit|
    a dit
    """.split("|")
)
FUTURE_CUES = (
    # talks still to come: "will begin talks", "iniciarán conversaciones", "entameront des
    # discussions" (not "will meet": "a working group that will meet twice a year")
    "will begin talks",
    "will start talks",
    "will hold talks",
    "will open talks",
    "iniciaran conversaciones",
    "iniciaran negociaciones",
    "iniciarao conversas",
    "iniciarao negociacoes",
    "entameront",
    "intends to sign",
    "intend to sign",
    "plans to conclude",
    "pretende firmar",
    "pretenden firmar",
    "tiene previsto firmar",
    "tienen previsto firmar",
    "pretende assinar",
    "pretendem assinar",
    "tem previsto assinar",
    "preve assinar",
    "prevoit de signer",
    "prevoient de signer",
    "envisage de signer",
    "compte signer",
    "will sign",
    "to sign",
    "plan to sign",
    "plans to sign",
    "expected to sign",
    "are set to sign",
    "is set to sign",
    "would sign",
    "will be signed",
    "would be signed",
    "to be signed",
    "will conclude",
    "firmaran",
    "firmara",
    "van a firmar",
    "va a firmar",
    "prevén firmar",
    "preven firmar",
    "prevé firmar",
    "preve firmar",
    "se firmara",
    "assinarao",
    "assinara",
    "vao assinar",
    "vai assinar",
    "devem assinar",
    "signeront",
    "signera",
    "vont signer",
    "va signer",
    "doivent signer",
    "sera signe",
    "seront signes",
    "announced plans",
    "anuncio",
    "anunciaron",
    "avanzar hacia",
    "work towards",
    "working towards",
    "move towards",
    "hacia un acuerdo",
    "rumo a um acordo",
    "vers un accord",
    "en vue de",
    "con miras a",
    "with a view to",
    # a purpose or a search: "viaja com o objetivo de assinar", "devem buscar um acordo"
    "objetivo de assinar",
    "objetivo de firmar",
    "para firmar",
    "para assinar",
    "pour signer",
    "afin de signer",
    "in order to sign",
    "buscar um acordo",
    "buscar un acuerdo",
    "seek a deal",
    "seek an agreement",
    "seeking a deal",
    "seeking an agreement",
    "seeks a deal",
    "seeks an agreement",
    # a hope or a wish to sign: "esperan firmar en junio", "espèrent signer"
    "esperan firmar",
    "espera firmar",
    "esperan suscribir",
    "quieren firmar",
    "buscan firmar",
    "esperam assinar",
    "espera assinar",
    "querem assinar",
    "buscam assinar",
    "esperent signer",
    "espere signer",
    "souhaitent signer",
    "souhaite signer",
    "veulent signer",
    "to conclude",
)
NEGOTIATION_CUES = (
    "negotiating",
    "negotiations on",
    "negotiations for",
    "negotiation of",
    "under negotiation",
    "are negotiating",
    "negocian",
    "negociando",
    "negociaciones",
    "en negociacion",
    "negociam",
    "negociacoes",
    "negociando",
    "negocient",
    "negociations",
    "en negociation",
)
# A negotiation is what is planned ("plans to negotiate an MoU", "planes para negociar"):
# the instrument is under negotiation, whatever future cue stands beside it.
# Right before an instrument: it was renewed or extended, not signed anew ("renovaron el
# memorando", "prorrogaram por mais cinco anos o memorando", "ont reconduit l'accord");
# not the present "extends"/"prolonge", which says an instrument builds on an older one;
# the annotation guide calls an extended instrument announced.
RENEWAL_CUES = (
    "renewed",
    "renewal of",
    "extended",
    "extension of",
    "renovaron",
    "renovo",
    "renovacion de",
    "renovacion del",
    "prorrogaron",
    "prorrogo",
    "prorroga de",
    "prorroga del",
    "renovaram",
    "renovou",
    "renovacao de",
    "renovacao do",
    "prorrogaram",
    "prorrogou",
    "prorrogacao de",
    "prorrogacao do",
    "renouvele",
    "renouvelle",
    "renouvellement de",
    "renouvellement du",
    "ont prolonge",
    "a prolonge",
    "prolongation de",
    "prolongation du",
    "reconduit",
)
PLANNED_NEGOTIATION_CUES = (
    "to negotiate",
    "to start negotiating",
    "para negociar",
    "de negociar",
    "negociar un",
    "negociar una",
    "negociar um",
    "negociar uma",
    "de negocier",
    "pour negocier",
)
NOT_BINDING_CUES = (
    "not legally binding",
    "non-binding",
    "nonbinding",
    "not binding",
    "no legally binding",
    "does not create legally binding",
    "do not create legally binding",
    "not create legally binding",
    "no vinculante",
    "no es vinculante",
    "no son vinculantes",
    "sin caracter vinculante",
    "no crea obligaciones juridicamente vinculantes",
    "no genera obligaciones",
    "nao vinculante",
    "nao e vinculante",
    "nao cria obrigacoes",
    "sem carater vinculativo",
    "nao vinculativo",
    "non contraignant",
    "juridiquement non contraignant",
    "pas juridiquement contraignant",
    "ne cree pas d'obligations",
    "n'est pas contraignant",
)
BINDING_CUES = (
    "legally binding",
    "binding agreement",
    "binding treaty",
    "juridicamente vinculante",
    "vinculante",
    "juridicamente vinculativo",
    "vinculativo",
    "juridiquement contraignant",
    "contraignant",
    "ratified",
    "ratificado",
    "ratificada",
    "ratifie",
)
# Subjects that make an instrument not about critical minerals when no mineral is named.
OTHER_SUBJECT_CUES = tuple(
    """
    lng|liquefied natural gas|natural gas|gas natural|gaz naturel|gnl|gas|gaz|petroleum|oil|petroleo|petrole|
    health|salud|saude|sante|vaccine|vaccines|vacunas|vacinas|disaster|disasters|desastres|catastrophes|
    tourism|turismo|tourisme|education|educacion|educacao|defence|defense|defensa|defesa|migration|migracion|
    migracao|fisheries|pesca|peche|agriculture|agricultura|culture|cultura|visa|visas|aviation|aviacion|
    football|nuclear|climate|clima|taxation|free trade|libre comercio|livre comercio|libre-echange|libre echange|
    tratado comercial|trade agreement|acuerdo comercial|acordo comercial|accord commercial|
    hydrogen|hidrogeno|hidrogenio|hydrogene|ammonia|amoniaco|electricity|electricidad|eletricidade|
    electricite|renewable energy|energias renovables|energia renovavel|energies renouvelables|
    solar|wind power|eolica|power grid|nuclear energy|uranium enrichment|
    investment cooperation|investment protection|investment treaty|double taxation|doble tributacion|
    economic partnership agreement|comprehensive economic partnership|asociacion economica|
    partenariat economique|parceria economica|economic cooperation agreement|
    space|espacial|spatiale|satellite|satelite|telecommunications|digital|numerique|artificial intelligence|
    semiconductors|semiconductores|military|militar|militaire|security cooperation|
    food security|seguridad alimentaria|seguranca alimentar|securite alimentaire|agro|
    water|agua|eau|infrastructure|infraestructura|infraestrutura|transport|transporte|
    tourism|trade and investment|comercio e inversion|commerce et investissement
    """.replace("\n", "").split("|")
)
# Words that say a sentence goes on about an agreement already named.
# Definite and demonstrative determiners with instrument nouns, per language: "the
# agreement", "ese memorando", "o documento", "ce protocole" (never "a framework").
_ANAPHOR_PARTS = {
    "en": (
        "the this that these both",
        "agreement agreements accord memorandum memoranda mou moc declaration statement deal pact "
        "partnership framework treaty document documents text texts instrument letter meeting talks "
        "ceremony signing",
    ),
    "es": (
        "el la este esta ese esa estos estas los las dicho dicha del al",
        "acuerdo acuerdos memorando memorandum declaracion pacto convenio alianza asociacion documento documentos "
        "instrumento texto carta tratado reunion encuentro ceremonia acto suscripcion",
    ),
    "pt": (
        "o a este esta esse essa os as no na do da nos nas pelo pela",
        "acordo acordos memorando declaracao parceria documento documentos instrumento texto carta "
        "tratado pacto encontro reuniao cerimonia assinatura",
    ),
    "fr": (
        "le la ce cet cette ces les l' du au",
        "accord accords memorandum protocole protocoles declaration partenariat texte textes document "
        "traite lettre rencontre reunion entretien ceremonie signature",
    ),
}
AGREEMENT_ANAPHORS = tuple(
    {
        f"{determiner} {noun}".replace("l' ", "l'")
        for determiners, nouns in _ANAPHOR_PARTS.values()
        for determiner in determiners.split()
        for noun in nouns.split()
    }
    | {
        "les deux textes",
        "los dos documentos",
        "os dois documentos",
        "the two documents",
        "both documents",
        "the talks",
        "the meeting",
        "las conversaciones",
        "la reunion",
        "as conversas",
        "a reuniao",
        "les discussions",
        "the signing",
        "the ceremony",
        "la firma",
        "la ceremonia",
        "a assinatura",
        "a cerimonia",
        "la signature",
        "la ceremonie",
        "signed by",
        "firmado por",
        "firmada por",
        "suscrito por",
        "suscrita por",
        "assinado por",
        "assinada por",
        "assinado pelo",
        "assinada pelo",
        "signe par",
        "signee par",
        "lo firmaron",
        "lo formalizaron",
        "lo suscribieron",
        "o formalizaram",
        "la firmaron",
        "o assinaram",
        "a assinaram",
        "l'ont signe",
        "les entretiens",
        "este nuevo mecanismo",
        "este mecanismo",
    }
)
# Words before a country that make it context, not a party ("reliance on China").
CONTEXT_CUES = (
    "against",
    "contra",
    "contre",
    "with the support of",
    "with support from",
    "supported by",
    "backed by",
    "con el apoyo de",
    "con apoyo de",
    "com o apoio de",
    "com apoio de",
    "avec le soutien de",
    "avec le soutien des",
    "avec l'appui de",
    "visit to",
    "visits to",
    "trip to",
    "travel to",
    "travels to",
    "viajara a",
    "viajo a",
    "viaje a",
    "visita a",
    "gira por",
    "viagem a",
    "visita ao",
    "visita a",
    "visite en",
    "visite au",
    "voyage en",
    "outside",
    "from outside",
    "fuera de",
    "fora de",
    "hors de",
    "en dehors de",
    "rivals such as",
    "reliance on",
    "dependence on",
    "dependent on",
    "dependency on",
    "reliant on",
    "away from",
    "imports from",
    "exports to",
    "rivalry with",
    "rivalidad con",
    "rivalidade com",
    "rivalite avec",
    "dependencia de",
    "dependencia respecto de",
    "importaciones de",
    "dependencia da",
    "dependencia do",
    "dependance a l'egard de",
    "dependance vis-a-vis de",
    "competition with",
    "compete with",
    "countering",
    "to counter",
    "counterweight to",
    "contrarrestar a",
    "el peso de",
    "la influencia de",
    "contrer",
    "contrebalancer",
    "contrabalancar",
    "o peso da",
    "o peso de",
    "counter",
    "dominated by",
    "dominance",
    "dominio de",
    "such as",
    "como",
    "including",
    "incluidos",
)

# A trigger near these is a signing that did not happen.
NEGATION_CUES = (
    "no agreement was",
    "no agreements were",
    "no deal was",
    "nothing was signed",
    "was not signed",
    "were not signed",
    "did not sign",
    "has not signed",
    "have not signed",
    "no document was signed",
    "no se firmo",
    "no se firmaron",
    "no firmaron",
    "ningun acuerdo",
    "ningun documento",
    "sin firmar",
    "nao foi assinado",
    "nao foram assinados",
    "nenhum acordo",
    "nenhum documento",
    "nao assinaram",
    "n'a ete signe",
    "n'ont pas signe",
    "aucun accord",
    "aucun document",
    "n'a ete conclu",
    # a refusal: "anunció que no firmaría el tratado", "refused to sign the pact"
    "would not sign",
    "will not sign",
    "won't sign",
    "refused to sign",
    "no firmaria",
    "no firmara",
    "se nego a firmar",
    "nao assinaria",
    "nao assinara",
    "recusou-se a assinar",
    "ne signera pas",
    "ne signerait pas",
    "a refuse de signer",
)

# A person named after these leads a body the text mentions; they are not a signatory.
LEADER_CUES = (
    "headed by",
    "led by",
    "dirigido por",
    "dirigida por",
    "chefiado por",
    "chefiada por",
    "liderado por",
    "liderada por",
    "dirige par",
    "dirigee par",
    # who convened or hosted the meeting where it was signed did not sign it
    "convened by",
    "hosted by",
    "convocada por",
    "convocado por",
    "organizada por",
    "convocada pelo",
    "convocada pela",
    "convoquee par",
    "organisee par",
)

# Nouns of a government side: a country adjective next to one makes that country an
# actor ("the Chilean government", "la ministra chilena"); next to anything else it is a
# modifier ("Japanese trading house Mitsui", "empresas chinas", "Chinese counter-proposal").
GOVERNMENT_NOUNS = frozenset(
    """
    government governments gobierno gobiernos governo governos gouvernement gouvernements
    ministry ministries ministerio ministerios ministere ministeres minister ministers ministro
    ministra ministros ministre ministres president presidente presidenta presidents
    presidentes premier prime chancellor canciller chanceler chanceliere vice deputy
    authorities autoridades autorites officials official funcionarios funcionario
    responsables delegation delegations delegacion delegacao side sides parte partes lado
    partie counterpart counterparts homologo homologa homologue homologues state states estado
    etat administration administracion administracao cabinet gabinete embassy embajada
    embaixada ambassade ambassador embajador embajadora embaixador embaixadora ambassadeur
    secretary secretario secretaria secretaire envoy enviado enviada envoye leader leaders
    lider lideres dirigeant dirigeants king rey roi rei crown prince principe prince
    primeiro-ministro primeira-ministra vice-ministro vice-ministra vice-ministre viceministro
    viceministra vice-president vice-presidente vicepresidente vicepresidenta
    parliament congress senate diplomat diplomats diplomacy diplomacia diplomatie mandatario
    mandataria chief head jefe jefa chef chefe executive ejecutivo executif executivo
    agency agencia agence regulator team equipo equipe commission comision comissao
    """.split()
)

# An instrument named after a possessive country is that country's ("Malaysia's MoU").
INSTRUMENT_NOUNS = frozenset(
    """
    agreement agreements accord deal deals pact memorandum mou moc framework partnership
    declaration statement roadmap treaty
    """.split()
)

# Nouns that make the side of a deal a company ("with Japanese trading house Mitsui",
# "con el consorcio chino CBC", "avec la société", "State-owned KABIL").
COMPANY_NOUNS = frozenset(
    """
    company companies firm firms miner miners producer producers consortium corporation
    conglomerate subsidiary trader trading house state-owned listed empresa empresas compania
    companias consorcio minera mineras mineradora mineradoras companhia companhias estatal
    filial societe societes groupe entreprise entreprises filiale multinacional multinational
    startup start-up
    """.split()
)

# Words that describe what an instrument covers: a sentence with one, right after the
# instrument is named, states its scope ("The MoU covers lithium and cobalt", "los
# minerales críticos incluidos comprenden al litio", "le texte prévoit").
CONTENT_CUES = (
    "covers",
    "cover",
    "focuses on",
    "focused on",
    "aims to",
    "provides for",
    "envisages",
    "comprende",
    "comprenden",
    "abarca",
    "abarcan",
    "contempla",
    "preve",
    "se centra en",
    "tiene como objetivo",
    "tiene por objeto",
    "abrange",
    "tem como objetivo",
    "prevoit",
    "porte sur",
    "portent sur",
    "vise a",
    "couvre",
    "focus on",
    "will prioritize",
    "will prioritise",
    # "Il s'agit d'un projet d'exploitation du lithium", "Se trata de un programa para el
    # litio": what the instrument is
    "il s'agit",
    "se trata de",
    "trata-se de",
    "it concerns",
    # "Ambos países acordaron aumentar la cooperación en ... litio, cromo": what they agreed
    "both countries agreed",
    "the two countries agreed",
    "both sides agreed",
    "the two sides agreed",
    "ambos paises acordaron",
    "los dos paises acordaron",
    "ambas partes acordaron",
    "os dois paises acordaram",
    "ambos os paises acordaram",
    "as partes acordaram",
    "les deux pays sont convenus",
    "les deux pays ont convenu",
    "les deux parties sont convenues",
    # "Entre os minerais considerados estratégicos estão lítio, nióbio e silício": a
    # sentence listing the class of minerals the instrument was said to cover
    "among the minerals",
    "among the metals",
    "among the resources",
    "entre los minerales",
    "entre los metales",
    "entre los recursos",
    "entre os minerais",
    "entre os metais",
    "entre os recursos",
    "parmi les minerais",
    "parmi les mineraux",
    "parmi les metaux",
    "parmi les ressources",
)


# "El gobierno acordó impulsar la cooperación en minerales críticos y tierras raras. ...
# la declaración conjunta establece ...": a lede that says what was agreed before the
# instrument is named.
AGREED = re.compile(
    r"\b(?:agreed|agree|agrees|acordo|acordaron|acuerda|acuerdan|acordaram|acordou|acorda|"
    r"acordam|convinieron|convino|ont convenu|a convenu|conviennent|se comprometieron|"
    r"se comprometeram|"
    # "reached an understanding", "avanzaron en un entendimiento", "chegaram a um
    # entendimento", "sont parvenus a une entente": the parties agreed on something
    r"(?:reached|reach|reaches) an? (?:\w+ )?understanding|"
    r"(?:alcanzaron|alcanzan|llegaron a|llegan a|avanzaron en|avanzan en) un (?:\w+ )?entendimiento|"
    r"(?:chegaram a|chegam a|alcancaram|avancaram em|avancam em) um (?:\w+ )?entendimento|"
    r"(?:sont parvenu(?:e)?s a|parviennent a|ont trouve) une (?:\w+ )?entente)\b"
)

# "Este importante acuerdo", "the new memorandum", "ce nouveau protocole", "the four
# documents": a determiner, a word or two, the instrument (or instruments).
QUALIFIED_ANAPHOR = re.compile(
    r"\s*(?:the|this|that|these|el|la|los|las|este|esta|estos|estas|ese|esa|o|a|os|as|esse|essa|"
    r"le|la|les|ce|cet|cette|ces)\s+(?:[\w-]+\s+){1,2}"
    r"(?:agreement|accord|deal|pact|memorandum|mou|declaration|statement|framework|partnership|"
    r"roadmap|document|text|acuerdo|memorando|convenio|declaracion|alianza|pacto|documento|texto|"
    r"acordo|parceria|declaracao|protocole|partenariat|texte|entente)(?:s|es)?\b"
)
