"""Names of the recorded causes of change, so a debrief can say why something moved.

Every stance and share change is stored split by cause (arrays whose last axis is one
of these tuples); the parts add up exactly to the change.
"""
STANCE_CAUSES = (
    "rep_effort",      # rep days with that person (personal ties)
    "exec_visits",     # executive-to-executive contact (organisational)
    "exchanges",       # service and solution work: technical exchanges (organisational)
    "satisfaction",    # how the account feels about deliveries and service
    "decay",           # ties fading without contact
    "events",          # personnel change, a rep leaving, a joint venture
    "rivalry",         # a rival's gains with the person, and their one preferred supplier
    "limit",           # the -1..3 scale capping the change
)

UTILITY_PARTS = (
    "price", "quality", "service", "customisation", "relationship",  # needs-weighted scores
    "incumbency",      # switching costs favour the current supplier
    "alliance",        # a joint venture binds the account to its partner
    "luck",            # the account's mood this turn
)

SHARE_CAUSES = (
    "competition",     # drift toward the share the account's choice model gives
    "tender",          # a committee re-decided part of the wallet
    "rep_left",        # business that followed a departing rep
    "capacity",        # a supplier could not deliver
    "shortfall_gain",  # business a rival could not deliver, taken by suppliers present and able
    "followers",       # a leader account of the industry switched, and its followers follow
    "dropped",         # the supplier walked away
)
