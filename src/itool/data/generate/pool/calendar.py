"""Calendar: events, meetings, availability, reminders."""
# ruff: noqa: E501

from itool.data.generate.dsl import (
    Bool,
    Code,
    Date,
    DateAfter,
    Enum,
    Field,
    Int,
    ListOf,
    Obj,
    P,
    Pick,
    chain,
    fn,
)
from itool.data.generate.values import DATE, DATETIME, EMAIL, TIME, ident, minutes

TITLES = ("Team standup", "Quarterly review", "Dentist", "Lunch with Sam", "Project kickoff", "Yoga class", "Parent-teacher meeting", "Budget planning", "1:1 with manager", "Book club", "Design critique", "Flight to Berlin")
EVENT_ID = P("event_id", "Event identifier, e.g. EVT-73021.", Code("EVT-#####"), "for event {}|of {}", "event ID", "Which event (its ID)?")
TITLE = P("title", "Event title.", Pick(TITLES, quote=0.6), "called {}|titled {}", ask="What should the event be called?", axis=False)
START = P("start", "Start, YYYY-MM-DDTHH:MM.", DATETIME, "on {}|at {}|for {}", "start time", "When does it start?")
ATTENDEES = P("attendees", "Email addresses of the people to invite.", ListOf(EMAIL, 1, 3), "with {}|inviting {}", ask="Who should I invite?")


def _events(rng, a):
    hours = sorted(rng.sample(range(8, 18), 3))
    titles = rng.sample(TITLES, 3)
    return {"date": a["date"], "events": [{"event_id": ident(rng, "EVT-#####"), "title": t, "start": f"{a['date']}T{h:02d}:00"} for t, h in zip(titles, hours, strict=True)]}


def _free(rng, a):
    hours = sorted(rng.sample(range(9, 17), 2))
    return {"date": a["date"], "free_slots": [f"{a['date']}T{h:02d}:00" for h in hours]}


FUNCTIONS = [
    fn("create_event", "Create a calendar event, optionally inviting people and setting a location.",
       [TITLE, START, P("duration_minutes", "Length in minutes.", minutes(15, 240, 15), "for {}|lasting {}", "duration", "How long will it last?"),
        ATTENDEES.opt(), P("location", "Where it happens.", Pick(("Room 4B", "Main office", "Zoom", "Café Central", "Conference room Atlas", "Home")), "in {}|at {}").opt()],
       "create a calendar event|add something to my calendar",
       "Add {title} to my calendar on {start} for {duration_minutes}{+}.|Schedule {title} {start}, {duration_minutes} long{+}.|Put {title} in the calendar for {start} lasting {duration_minutes}{+}."),
    fn("listEvents", "Events on the user's calendar on a date.",
       [P("date", "Day, YYYY-MM-DD.", DATE, "on {}|for {}", ask="Which day?"), P("calendar", "Which calendar.", Enum("work|personal|family|all", {"all": "combined"}), "on my {} calendar|from the {} calendar").opt("all")],
       "list my events|check what's on my calendar",
       "What's on my calendar on {date}{+}?|Show my events for {date}{+}.|Do I have anything on {date}{+}?",
       returns=_events, answer="On {date} you have {events[0][title]} at {events[0][start]}, {events[1][title]} and {events[2][title]}."),
    fn("find_free_slots", "Times when all given people are free on a date, for a meeting of a given length.",
       [P("participants", "Email addresses of everyone who must attend.", ListOf(EMAIL, 2, 4), "for {}|for everyone in {}", ask="Whose calendars should I check?"), P("date", "Day, YYYY-MM-DD.", DATE, "on {}"),
        P("duration_minutes", "Meeting length in minutes.", minutes(15, 120, 15), "for {}|long enough for {}", "meeting length").opt(30)],
       "find a free time slot|find when everyone is available",
       "When are {participants} all free on {date}{+}?|Find a slot on {date} that works for {participants}{+}.",
       returns=_free, answer="Everyone is free on {date} at {free_slots[0]} and {free_slots[1]}."),
    fn("reschedule_event", "Move an event to a new start time, optionally notifying attendees.",
       [EVENT_ID, P("new_start", "New start, YYYY-MM-DDTHH:MM.", DATETIME, "to {}", "new time", "When should it move to?"), P("notify", "Email the attendees about the change.", Bool("and let everyone know|notifying attendees", "without notifying anyone|quietly"), "{}").opt(True)],
       "reschedule an event|move a meeting",
       "Move {event_id} to {new_start}{+}.|Reschedule event {event_id} for {new_start}{+}."),
    fn("cancel_event", "Cancel an event with an optional message to attendees.",
       [EVENT_ID, P("message", "Note sent to attendees.", Pick(("Sorry, something came up", "Let's regroup next week", "No longer needed"), quote=0.7), "with the message {}|saying {}").opt()],
       "cancel an event|call off a meeting",
       "Cancel {event_id}{+}.|Please call off event {event_id}{+}."),
    fn("Set Reminder", "Create a reminder that fires at a time, optionally repeating.",
       [P("text", "What to be reminded about.", Pick(("take my medication", "call the bank", "water the plants", "submit the timesheet", "pick up the dry cleaning", "renew my passport"), quote=0.3), "to {}", ask="What should I remind you about?"),
        P("remind_at", "When, YYYY-MM-DDTHH:MM.", DATETIME, "on {}|at {}", "reminder time", "When should I remind you?"), P("repeat", "Repetition.", Enum("none|daily|weekly|monthly", {"none": "just once|once"}), "{}|repeating {}").opt("none")],
       "set a reminder|remind me about something",
       "Remind me to {text} on {remind_at}{+}.|Set a reminder {remind_at} to {text}{+}."),
    fn("calendar.create_recurring", "Create a repeating event from a start time and a recurrence rule.",
       [TITLE, START, P("recurrence", "How it repeats.", Obj([Field("frequency", "Unit of repetition.", Enum("daily|weekly|monthly")), Field("interval", "Every how many units.", Int(1, 4, words_p=0.5), "every {}"), Field("count", "Number of occurrences.", Int(2, 20), "for {} times", p=0.6)], sep=", "), "repeating {}|recurring {}", "recurrence", "How often should it repeat?"),
        P("duration_minutes", "Length in minutes.", minutes(15, 120, 15), "lasting {}").opt(60)],
       "create a recurring event|set up a repeating meeting",
       "Create a recurring {title} starting {start}, {recurrence}{+}.|Set up {title} from {start} repeating {recurrence}{+}."),
    fn("check_availability", "Whether a person is free or busy at a given time.",
       [P("person_email", "Email of the person.", EMAIL, "for {}", "person"), P("at", "Time to check, YYYY-MM-DDTHH:MM.", DATETIME, "on {}|at {}", "time")],
       "check if someone is free|see whether someone is busy",
       "Is {person_email} free on {at}?|Check whether {person_email} is available {at}.",
       returns=lambda rng, a: {"person": a["person_email"], "status": rng.choice(("free", "busy", "out of office"))},
       answer="{person} is {status} then."),
    fn("add_attendees", "Invite more people to an existing event.",
       [EVENT_ID, ATTENDEES, P("optional_attendance", "Mark the new invitees as optional.", Bool("as optional attendees|as optional", "as required attendees"), "{}").opt(False)],
       "invite people to an event|add attendees to a meeting",
       "Add {attendees} to {event_id}{+}.|Invite {attendees} to event {event_id}{+}."),
    fn("get_event_details", "Title, time, location and attendees of an event.",
       [EVENT_ID], "get an event's details|look up a meeting",
       "What are the details of {event_id}?|Show me event {event_id}.|Who's coming to {event_id}?",
       returns=lambda rng, a: {"event_id": a["event_id"], "title": rng.choice(TITLES), "location": rng.choice(("Room 4B", "Zoom", "Main office")), "attendee_count": rng.randint(2, 12)},
       answer="{event_id} is {title} in {location} with {attendee_count} attendees."),
    fn("countBusinessDays", "Working days between two dates, excluding weekends and a country's public holidays.",
       [P("start_date", "First day, YYYY-MM-DD.", Date("2024-01-01", "2026-06-30"), "from {}|between {}", "start date"), P("end_date", "Last day, YYYY-MM-DD.", DateAfter("start_date", 5, 120), "to {}|and {}", "end date"),
        P("country_code", "ISO country code for holidays.", Pick(("US", "GB", "DE", "FR", "PT", "ES", "NL", "JP")), "in {}|using {} holidays").opt()],
       "count working days|work out the number of business days",
       "How many working days between {start_date} and {end_date}{+}?|Count business days from {start_date} to {end_date}{+}."),
    fn("block_focus_time", "Block out focus time on the calendar each day in a date range.",
       [P("start_date", "First day, YYYY-MM-DD.", DATE, "from {}|starting {}", "start date"), P("end_date", "Last day, YYYY-MM-DD.", DateAfter("start_date", 1, 14), "until {}|to {}", "end date"),
        P("daily_start", "Start time each day, HH:MM.", TIME, "from {} each day|at {}", "daily start time"), P("hours", "Hours per day.", Enum((1, 2, 3, 4)), "for {} hours", ask="How many hours a day?"),
        P("decline_meetings", "Automatically decline meetings in that time.", Bool("and auto-decline meetings", "but still allow meetings"), "{}").opt(False)],
       "block focus time|protect time for deep work",
       "Block {hours} hours of focus time from {daily_start} each day between {start_date} and {end_date}{+}.|Reserve focus time {start_date} to {end_date}, {daily_start}, {hours} hours a day{+}."),
    fn("Time Zone Meeting Planner", "Suggest meeting times that fall in working hours for several time zones.",
       [P("time_zones", "IANA time zones of the participants.", ListOf(Pick(("Europe/Lisbon", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney", "Europe/London")), 2, 4), "for people in {}|covering {}", "time zones"),
        P("date", "Day, YYYY-MM-DD.", DATE, "on {}"), P("duration_minutes", "Meeting length.", minutes(30, 90, 30), "for {}").opt(60)],
       "plan a meeting across time zones|find a time that suits several time zones",
       "Find a meeting time on {date} for people in {time_zones}{+}.|When can people in {time_zones} meet on {date}{+}?"),
]

CHAINS = [
    chain("listEvents", "reschedule_event", {"event_id": lambda res: res["events"][0]["event_id"]},
          "Check my calendar for {date} and move the first event to {new_start}.|Look at what I have on {date}, then reschedule the earliest event to {new_start}."),
    chain("listEvents", "cancel_event", {"event_id": lambda res: res["events"][-1]["event_id"]},
          "What's on my calendar on {date}? Cancel the last event of that day.|List my events for {date} and cancel the latest one."),
    chain("find_free_slots", "create_event", {"start": lambda res: res["free_slots"][0]},
          "Find when {participants} are free on {date} and book {title} in the first free slot for {duration_minutes}.|Look for a common free slot on {date} for {participants}, then create {title} at the earliest one, lasting {duration_minutes}."),
]
