"""The extractor's thresholds, named in one place.

Distances are in characters of the document text, durations in days. Each is a
judgement about how news is written; change one here and every rule that depends on
it follows.
"""

from __future__ import annotations

# Two dates of one agreement's reports this close are the same event.
SAME_EVENT_MAX_DAYS_APART = 31
# An event this long before the document's date is an earlier instrument recalled.
RECALLED_AFTER_DAYS = 45
# The lede: the first sentences, where news states the event and its date.
LEDE_SENTENCES = 4
# A sentence that says countries agreed, this close before the first instrument named,
# is that instrument's lede: its scope is the instrument's.
AGREED_LEDE_SENTENCES = 2
# A sentence this close after an instrument is named may state what it covers.
SCOPE_SENTENCES_AFTER = 3
# A document that names minerals (or "critical minerals", "mining") this often is about
# them: an instrument it reports without saying its subject is a minerals instrument.
MINERALS_TOPIC_MENTIONS = 2
# A meeting is about minerals when the text says so this many sentences either side of
# it ("...met in Ulaanbaatar. They reviewed relations. Copper was the main subject").
TALKS_TOPIC_SENTENCES = 2
# An instrument this long before the document's date belongs to history ("the 1922
# boundary treaty"): it is about minerals only when its own words say so.
HISTORIC_AFTER_DAYS = 15 * 365
# "convocada por el Secretario de Estado estadounidense, Marco Rubio": how far before a
# person a cue may say they convened, hosted or led rather than signed.
LEADER_CUE_REACH = 70
