"""Messaging: email, SMS, team chat channels, contacts, statuses and mail rules."""
# ruff: noqa: E501  (a table of declarations: one parameter per line reads best)

import unicodedata

from itool.data.generate.dsl import (
    Bool,
    Code,
    DateAfter,
    DateTime,
    Enum,
    Field,
    Int,
    ListOf,
    Num,
    Obj,
    ObjList,
    P,
    Pick,
    chain,
    fn,
)
from itool.data.generate.values import DATE, EMAIL, FIRST_NAMES, PERSON, PHONE, ident

SUBJECTS = (
    "Quarterly report", "Project kickoff", "Invoice 2231", "Holiday schedule", "Weekly update",
    "Lunch on Friday", "Contract renewal", "Welcome aboard", "Offsite agenda", "Budget review",
    "Interview feedback", "Server migration",
)
BODIES = (
    "Running ten minutes late, start without me", "The report is ready for review",
    "Can we move our call to tomorrow?", "Happy birthday! Hope you have a great day",
    "Reminder: team lunch at noon", "Your package has arrived at reception",
    "Meeting room changed to 4B", "Please send me the signed contract",
    "Thanks for your help today", "Dinner is at 7, see you there",
    "The server maintenance is finished", "Don't forget to bring your ID",
    "Slides are in the shared folder", "I'll call you after the meeting",
)
CHANNELS = (
    "#general", "#engineering", "#random", "#design", "#sales", "#support", "#announcements",
    "#marketing", "#release-notes", "#ops-alerts",
)
USERNAMES = tuple(
    f"{first.lower()}.{last.lower()}"
    for first, last in zip(FIRST_NAMES[:12], ("silva", "raman", "oconnor", "rossi", "fernandez", "tanaka", "okafor", "muller", "dubois", "haddad", "novak", "mensah"), strict=True)
)
SEARCH_TERMS = ("invoice", "flight confirmation", "password reset", "team offsite", "quarterly report", "job application", "shipping update", "contract")
AWAY_NOTES = (
    "I'm on holiday with no access to email", "I'm out of the office and will reply when I'm back",
    "I'm at a conference this week, replies will be slow", "I'm on parental leave",
)

SUBJECT = P("subject", "Subject line of the email.", Pick(SUBJECTS, quote=0.6), "with the subject {}|titled {}|subject {}", ask="What should the subject line be?", axis=False)
BODY = P("body", "Plain-text body of the email.", Pick(BODIES, quote=0.7), "saying {}|with the message {}|that says {}", "message body", "What should the email say?", axis=False)
MESSAGE_ID = P("message_id", "Identifier of an email, e.g. MSG-204817, as returned by an inbox search.", Code("MSG-######"), "with ID {}|(message {})", "message ID", "Which message (its ID)?")
TEXT = P("text", "Text of the message.", Pick(BODIES, quote=0.7), "saying {}|with the text {}", "message text", "What should the message say?", axis=False)
CHANNEL = P("channel", "Channel name including the leading #, e.g. #general.", Pick(CHANNELS), "in {}|to {}", ask="Which channel?")
SMS_TEXT = P("message", "Text of the SMS, at most 480 characters.", Pick(BODIES, quote=0.7), "saying {}|with the message {}", "message text", "What should the text message say?", axis=False)


def _inbox(rng, a):
    senders = [EMAIL(rng).value for _ in range(3)]
    topic = a["query"]
    subjects = [f"Re: {topic}", f"{topic.capitalize()} - action needed", f"Fwd: {topic}"]
    rng.shuffle(subjects)
    received = sorted((f"2025-{m:02d}-{rng.randint(10, 28)}" for m in rng.sample(range(1, 13), 3)), reverse=True)
    return {
        "total": rng.randint(3, 40),
        "messages": [  # newest first
            {"message_id": ident(rng, "MSG-######"), "from": s, "subject": subj, "received": day, "unread": rng.random() < 0.5}
            for s, subj, day in zip(senders, subjects, received, strict=True)
        ],
    }


def _contact(rng, a):
    first, *rest = a["name"].split(" ")
    plain = unicodedata.normalize("NFKD", f"{first}.{rest[-1] if rest else 'contact'}".lower())
    local = "".join(ch for ch in plain if ch.isascii() and (ch.isalnum() or ch == "."))
    return {"name": a["name"], "email": f"{local}@example.com", "phone": PHONE(rng).value, "company": rng.choice(("Northwind Traders", "Bluepeak Labs", "Acme Robotics", "Lumen Analytics"))}


def _history(rng, a):
    return {
        "channel": a["channel"],
        "messages": [
            {"user": u, "text": t, "posted_at": f"2025-0{rng.randint(1, 9)}-{rng.randint(10, 28)}T{rng.randint(8, 18):02d}:{rng.choice(('00', '15', '30', '45'))}"}
            for u, t in zip(rng.sample(USERNAMES, 3), rng.sample(BODIES, 3), strict=True)
        ],
    }


FUNCTIONS = [
    fn("send_email", "Send an email from the user's mailbox to one or more recipients, with optional CC and priority.",
       [P("recipients", "Email addresses of the recipients.", ListOf(EMAIL, 1, 3), "to {}", ask="Who should I send it to (email addresses)?"), SUBJECT, BODY,
        P("cc", "Addresses to copy in.", ListOf(EMAIL, 1, 2), "cc'ing {}|with {} in copy").opt(),
        P("priority", "Delivery priority flag.", Enum("low|normal|high", {"high": "high|urgent"}), "marked {} priority|with {} priority").opt("normal")],
       "send an email|write an email",
       "Send an email to {recipients} with the subject {subject} saying {body}{+}.|Email {recipients}: subject {subject}, message {body}{+}.|Please write to {recipients}, subject {subject}, and tell them {body}{+}."),
    fn("searchInbox", "Search the mailbox for emails matching free-text terms. Returns message ids, senders, subjects and the total number of matches.",
       [P("query", "Words to look for in the sender, subject or body.", Pick(SEARCH_TERMS, quote=0.5), "about {}|matching {}|mentioning {}", "search terms", "What should I search for?"),
        P("folder", "Folder to search.", Enum("inbox|sent|archive|spam|all", {"all": "all folders|every folder"}), "in {}|in the {} folder").opt("inbox"),
        P("unread_only", "Only return unread messages.", Bool("only unread ones|unread only", "including read ones|read or unread"), "{}").opt(False),
        P("since", "Only messages received on or after this date, YYYY-MM-DD.", DATE, "since {}|received after {}").opt(),
        P("limit", "Maximum number of messages to return.", Int(5, 50, 5), "(at most {} results)|- show {} at most").opt(20)],
       "search the inbox|find emails",
       "Find emails about {query}{+}.|Search my mail for {query}{+}.|Do I have any emails mentioning {query}{+}?",
       returns=_inbox,
       answer="I found {total} emails; the most recent is \"{messages[0][subject]}\" from {messages[0][from]}.|There are {total} matching emails. The latest one, from {messages[0][from]}, is titled \"{messages[0][subject]}\"."),
    fn("mail.reply", "Reply to an email, to its sender only or to everyone on it.",
       [MESSAGE_ID, BODY, P("reply_all", "Reply to all recipients instead of only the sender.", Bool("to everyone on the thread|as reply-all", "to the sender only|just to the sender"), "{}", "reply").opt(False)],
       "reply to an email|answer an email",
       "Reply to {message_id} saying {body}{+}.|Answer email {message_id} with {body}{+}.|Send a reply to message {message_id}: {body}{+}."),
    fn("mail.forward", "Forward an email to other people, optionally with a note on top.",
       [MESSAGE_ID, P("to", "Addresses to forward the email to.", ListOf(EMAIL, 1, 3), "to {}", "recipients", "Who should I forward it to?"),
        P("note", "Short note added above the forwarded message.", Pick(("FYI", "Please take a look", "See below", "Can you handle this?", "For your records"), quote=0.6), "with the note {}|adding {}").opt()],
       "forward an email|pass an email on",
       "Forward {message_id} to {to}{+}.|Please send message {message_id} on to {to}{+}."),
    fn("send_sms", "Send a text message to a phone number.",
       [P("phone_number", "Phone number in international format, e.g. +447700900123.", PHONE, "to {}", "phone number", "What number should I text?"), SMS_TEXT,
        P("sender_name", "Name shown as the sender, up to 11 characters.", Pick(("ClinicDesk", "AcmeAlerts", "TeamBot", "Northwind", "Reminders")), "from {}|as {}").opt()],
       "send a text message|send an SMS",
       "Text {phone_number} {message}{+}.|Send an SMS to {phone_number} saying {message}{+}.|Can you message {phone_number}: {message}{+}"),
    fn("broadcast_sms", "Send the same text message to several named recipients at once.",
       [P("recipients", "People to text, each with a name and a phone number.", ObjList(Obj([Field("name", "Recipient's name.", PERSON), Field("phone", "Phone number in international format.", PHONE)], sep=" at "), 2, 3), "to {}", ask="Who should receive it (names and numbers)?"),
        SMS_TEXT, P("send_at", "When to send, YYYY-MM-DDTHH:MM; immediately when omitted.", DateTime(), "on {}|for {}").opt()],
       "send a group text|broadcast an SMS|text several people",
       "Text {recipients}: {message}{+}.|Send {message} by SMS to {recipients}{+}.|Broadcast the message {message} to {recipients}{+}."),
    fn("Group Chat Creator", "Create a group conversation with the given members and return its chat id.",
       [P("name", "Name of the group.", Pick(("Book club", "Project Falcon", "Weekend hikers", "Launch team", "Family", "Flat 3B", "Five-a-side"), quote=0.6), "called {}|named {}", "group name", "What should the group be called?", axis=False),
        P("members", "Usernames of the people to add.", ListOf(Pick(USERNAMES), 2, 4), "with {}|including {}", ask="Who should be in the group?"),
        P("private", "Whether only invited members can find and join the group.", Bool("private|invite-only", "public|open to anyone"), "making it {}|as a {} group", "visibility").opt(True),
        P("description", "One-line description of the group.", Pick(("Planning the spring release", "Sunday walks", "Monthly book picks", "Shared bills and chores"), quote=0.6), "described as {}|with the description {}").opt()],
       "create a group chat|start a group conversation",
       "Create a group chat called {name} with {members}{+}.|Start a group {name} for {members}{+}.|Set up a chat named {name} including {members}{+}.",
       returns=lambda rng, a: {"chat_id": ident(rng, "GC-#####"), "name": a["name"], "member_count": len(a["members"]) + 1},
       answer="Created the group {name} (chat {chat_id}) with {member_count} members including you."),
    fn("post_channel_message", "Post a message to a team chat channel, optionally mentioning people and pinning it.",
       [CHANNEL, TEXT,
        P("mentions", "Usernames to @-mention in the message.", ListOf(Pick(USERNAMES), 1, 3), "mentioning {}|tagging {}").opt(),
        P("pin", "Pin the message to the top of the channel.", Bool("as a pinned message|pinned to the top", "without pinning it"), "{}", "pinning").opt(False)],
       "post in a channel|send a message to a channel",
       "Post {text} in {channel}{+}.|Send {text} to {channel}{+}.|Write in {channel}: {text}{+}"),
    fn("scheduleMessage", "Schedule a chat message to be posted to a channel at a later date and time.",
       [CHANNEL, TEXT, P("send_at", "Local date and time to send, YYYY-MM-DDTHH:MM.", DateTime(), "on {}|for {}", "send time", "When should it be sent?"),
        P("timezone", "IANA time zone of send_at.", Enum("UTC|Europe/London|Europe/Berlin|America/New_York|Asia/Tokyo", {"UTC": "UTC", "Europe/London": "London time|UK time", "Europe/Berlin": "Berlin time", "America/New_York": "New York time", "Asia/Tokyo": "Tokyo time"}), "({})|in {}").opt("UTC")],
       "schedule a message|post a message later",
       "Schedule {text} for {channel} on {send_at}{+}.|Post {text} in {channel} on {send_at}{+}.|Queue a message to {channel} for {send_at}{+}: {text}"),
    fn("getChannelHistory", "Fetch the most recent messages of a chat channel, newest first.",
       [CHANNEL.as_("channel", say="in {}|from {}"), P("limit", "How many messages to return.", Int(5, 100, 5), "(last {})|- the last {} messages").opt(20),
        P("include_threads", "Also return replies inside threads.", Bool("including thread replies", "without thread replies"), "{}").opt(False)],
       "read the recent messages in a channel|catch up on what was posted",
       "What's been said in {channel} lately{+}?|Show me the latest messages in {channel}{+}.|Catch me up on {channel}{+}.",
       returns=_history,
       answer="The latest message in {channel} is from {messages[0][user]}: \"{messages[0][text]}\".|Most recently in {channel}, {messages[0][user]} wrote \"{messages[0][text]}\"."),
    fn("contacts.lookup", "Find a person in the address book by name. Returns their email, phone number and company.",
       [P("name", "Full or partial name of the contact.", PERSON, "for {}|named {}", "contact name", "Whose details should I look up?")],
       "look up a contact|find someone's contact details",
       "What's {name}'s email address?|Find the contact details for {name}.|Look up {name} in my contacts.|Do I have a phone number for {name}?",
       returns=_contact,
       answer="{name}: email {email}, phone {phone} ({company}).|I found {name} at {company}; their email is {email} and their phone number is {phone}."),
    fn("Email Auto Reply Setup", "Turn on an out-of-office automatic reply between two dates.",
       [P("message", "Text of the automatic reply.", Pick(AWAY_NOTES, quote=0.6), "saying {}|with the message {}", "reply message", "What should the automatic reply say?", axis=False),
        P("start_date", "First day of the auto-reply, YYYY-MM-DD.", DATE, "from {}|starting {}", "start date", "When should it start?"),
        P("end_date", "Last day of the auto-reply, YYYY-MM-DD.", DateAfter("start_date", 2, 21), "until {}|to {}", "end date", "When should it stop?"),
        P("audience", "Who receives the automatic reply.", Enum("everyone|contacts_only|internal_only", {"contacts_only": "only my contacts|contacts only", "internal_only": "only people inside the company|internal senders only"}), "for {}|sent to {}").opt("everyone")],
       "set up an out-of-office reply|turn on an email auto-reply",
       "Set an out-of-office from {start_date} until {end_date} saying {message}{+}.|Turn on my auto-reply from {start_date} to {end_date}: {message}{+}.|I'm away from {start_date} to {end_date}; auto-reply with {message}{+}."),
    fn("create_mail_filter", "Create a rule that acts on incoming emails matching the given criteria.",
       [P("criteria", "Which emails the rule applies to.", Obj([
            Field("from_address", "Sender address to match.", EMAIL, "from {}"),
            Field("subject_contains", "Text the subject must contain.", Pick(("invoice", "newsletter", "receipt", "alert", "weekly digest"), quote=0.8), "with {} in the subject", p=0.5),
            Field("has_attachment", "Whether the email must have (true) or lack (false) attachments.", Bool("that have attachments|with attachments", "without attachments"), "{}", p=0.3)], sep=" "),
         "for emails {}|for mail {}", "filter criteria", "Which emails should the filter catch?"),
        P("actions", "What to do with matching emails, in order.", ListOf(Enum("archive|mark_read|star|mark_important", {"archive": "archive them", "mark_read": "mark them as read|mark them read", "star": "star them", "mark_important": "mark them as important|flag them important"}), 1, 3),
          "that will {}", ask="What should happen to matching emails?"),
        P("label", "Label to add to matching emails.", Pick(("Finance", "Receipts", "Newsletters", "Work", "Travel", "Later")), "labelled {}|with the label {}").opt()],
       "create an email filter|set up a mail rule",
       "Create a filter for emails {criteria} that will {actions}{+}.|Set up a rule: mail {criteria} - {actions}{+}.|Make a mail filter so emails {criteria} get handled: {actions}{+}."),
    fn("messaging.set_status", "Set the user's chat status text and availability, optionally clearing it after some hours.",
       [P("status_text", "Short status shown next to the user's name.", Pick(("In a meeting", "Out sick", "On holiday", "Commuting", "Focus time", "Working remotely", "At lunch"), quote=0.7), "to {}|as {}", "status text", "What should your status say?"),
        P("availability", "Presence shown to colleagues.", Enum("available|busy|away|do_not_disturb", {"do_not_disturb": "do not disturb|DND"}), "showing me as {}|with presence {}").opt("available"),
        P("clear_after_hours", "Hours after which the status is cleared; kept until changed when omitted.", Num(1, 12, 0.5), "for {} hours|clearing it after {} hours").opt()],
       "set a chat status|update the chat status",
       "Set my status to {status_text}{+}.|Change my status to {status_text}{+}.|Update my status: {status_text}{+}."),
    fn("Message Delivery Status", "Check whether a sent text message was delivered and read.",
       [P("message_id", "Identifier of a sent SMS, e.g. SMS-40918273.", Code("SMS-########"), "for {}|of {}", "message ID", "What's the ID of the message?")],
       "check if a text was delivered|get a message's delivery status",
       "Was {message_id} delivered?|Check the delivery status of {message_id}.|Did my text {message_id} go through?",
       returns=lambda rng, a: {"message_id": a["message_id"], "status": rng.choice(("delivered", "read", "pending", "failed")), "updated_at": f"2025-{rng.randint(1, 12):02d}-{rng.randint(10, 28)}T{rng.randint(8, 21):02d}:{rng.choice(('05', '20', '42'))}"},
       answer="Message {message_id} is {status} (last update {updated_at}).|The status of {message_id} is \"{status}\", as of {updated_at}."),
]

CHAINS = [
    chain("contacts.lookup", "send_sms", {"phone_number": "phone"},
          "Look up {name}'s number and text them {message}.|Find {name} in my contacts and send them an SMS saying {message}."),
    chain("contacts.lookup", "send_email", {"recipients": lambda res: [res["email"]]},
          "Find {name}'s email address and send them an email with the subject {subject} saying {body}.|Email {name} (look up their address first): subject {subject}, message {body}."),
    chain("searchInbox", "mail.reply", {"message_id": lambda res: res["messages"][0]["message_id"]},
          "Find the latest email about {query} and reply to it saying {body}.|Search my inbox for {query}, then answer the most recent one with {body}."),
]
