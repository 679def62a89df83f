"""Education: courses, enrolment, grades, libraries, study tools, exams."""
# ruff: noqa: E501

from itool.data.generate.dsl import (
    Bool,
    Code,
    Enum,
    Field,
    Int,
    Obj,
    ObjList,
    P,
    Pick,
    chain,
    fn,
)
from itool.data.generate.values import COUNTRY, DATE, LANGUAGE, TIME, distinct_numbers, ident, minutes, money

SUBJECTS = Enum("mathematics|computer_science|biology|history|economics|psychology|physics|literature|data_science", {"computer_science": "computer science", "data_science": "data science"})
STUDENT = P("student_id", "Student number, e.g. S2024-1187.", Code("S20##-####"), "for student {}|for {}", "student ID", "What's the student ID?")
COURSE = P("course_code", "Course code, e.g. CS-201.", Pick(("CS-101", "CS-201", "MATH-110", "BIO-150", "HIST-210", "ECON-101", "PSY-220", "PHYS-130", "LIT-240", "DS-310")), "in {}|for {}", "course code", "Which course (its code)?")
TERM = P("term", "Academic term.", Enum("fall_2025|spring_2026|summer_2026|fall_2026", {"fall_2025": "fall 2025|autumn 2025", "spring_2026": "spring 2026", "summer_2026": "summer 2026", "fall_2026": "fall 2026|autumn 2026"}), "for {}|in {}", ask="Which term?")
BRANCHES = ("Central Library", "Riverside Branch", "North Campus Library", "Science Library", "Old Town Branch")


def _courses(rng, a):
    prices = sorted(distinct_numbers(rng, 3, 0, 400, 5))
    codes = rng.sample(("CS-101", "CS-201", "MATH-110", "BIO-150", "HIST-210", "ECON-101", "PSY-220", "DS-310"), 3)
    return {"subject": a["subject"], "courses": [{"course_code": c, "title": f"{a['subject'].replace('_', ' ').title()} {lvl}", "price": p, "weeks": rng.randint(4, 14)} for c, p, lvl in zip(codes, prices, ("Foundations", "in Practice", "Advanced Topics"), strict=True)]}


def _books(rng, a):
    years = sorted(rng.sample(range(1990, 2025), 3), reverse=True)
    return {"query": a["query"], "books": [{"book_id": ident(rng, "BK-######"), "title": f"{a['query'].title()}: {sub}", "year": y, "available": rng.random() < 0.7} for sub, y in zip(rng.sample(("An Introduction", "A History", "Principles", "A Field Guide", "Essays"), 3), years, strict=True)]}


FUNCTIONS = [
    fn("search_courses", "Find courses by subject and level, online or on campus. Returns course codes, titles, prices and lengths, cheapest first.",
       [P("subject", "Subject area.", SUBJECTS, "in {}|on {}", ask="Which subject?"), P("level", "Level.", Enum("beginner|intermediate|advanced"), "at {} level|for {} learners").opt(),
        P("delivery", "How it is taught.", Enum("online|on_campus|hybrid", {"on_campus": "on campus|in person"}), "taught {}|that run {}").opt(), P("max_price", "Highest fee in USD.", money(0, 500, step=25), "under {}|costing at most {}").opt()],
       "search for courses|find a class to take",
       "Find {level} courses in {subject}{+}.|What {subject} courses are there{+}?|I want to study {subject}{+}; what's available?",
       returns=_courses, answer="The cheapest is {courses[0][course_code]}, {courses[0][title]}, at ${courses[0][price]} for {courses[0][weeks]} weeks."),
    fn("enroll_student", "Enrol a student in a course for a term.",
       [STUDENT, COURSE, TERM, P("audit", "Attend without credit.", Bool("as an auditor|without credit", "for credit"), "{}").opt(False)],
       "enrol a student in a course|sign up for a class",
       "Enrol {student_id} in {course_code} for {term}{+}.|Sign student {student_id} up for {course_code} in {term}{+}.|Register {student_id} on {course_code}, {term}{+}."),
    fn("getStudentGrades", "A student's grades, for one term or all terms.",
       [STUDENT, TERM.opt()],
       "get a student's grades|check my marks",
       "What grades did {student_id} get{+}?|Show the marks of {student_id} in {term}.|Pull up grades for student {student_id}{+}.",
       returns=lambda rng, a: {"student_id": a["student_id"], "gpa": round(rng.uniform(2.0, 4.0), 2), "best_course": rng.choice(("CS-201", "MATH-110", "HIST-210", "BIO-150"))},
       answer="{student_id} has a GPA of {gpa}; the best result is in {best_course}."),
    fn("calculate_gpa", "Grade point average from courses with their credits and letter grades (4.0 scale).",
       [P("courses", "Courses taken.", ObjList(Obj([Field("grade", "Letter grade.", Enum("A|A-|B+|B|B-|C+|C|D|F")), Field("credits", "Credit hours.", Int(1, 5, words_p=0.4), "{} credits")], sep=" in a course worth "), 2, 5), "with {}|for {}", ask="Which grades and credits?")],
       "calculate a GPA|work out my grade point average",
       "What's my GPA with {courses}?|Calculate a GPA for {courses}.", needs_tool=False),
    fn("dictionary.define", "Definitions, part of speech and example sentences of a word.",
       [P("word", "The word.", Pick(("serendipity", "ephemeral", "ubiquitous", "cogent", "laconic", "quixotic", "sanguine", "obfuscate", "pernicious", "halcyon")), "of {}|for {}", ask="Which word?"),
        P("include_examples", "Add example sentences.", Bool("with examples|with example sentences", "without examples"), "{}").opt(True)],
       "define a word|look up a word's meaning",
       "What does {word} mean{+}?|Define {word}{+}.|Give me the meaning of {word}{+}.", needs_tool=False),
    fn("create_flashcards", "Create a flashcard deck from question and answer pairs.",
       [P("deck_name", "Deck name.", Pick(("Spanish verbs", "Anatomy basics", "Capitals of Europe", "Organic chemistry", "History dates"), quote=0.6), "called {}|named {}", "deck name", "What should the deck be called?", axis=False),
        P("cards", "Cards, each with a front and a back.", ObjList(Obj([Field("front", "Prompt side.", Pick(("hablar", "femur", "Capital of Austria", "benzene ring", "Fall of Constantinople", "comer", "tibia", "Capital of Norway"), quote=1.0)), Field("back", "Answer side.", Pick(("to speak", "thigh bone", "Vienna", "C6H6", "1453", "to eat", "shin bone", "Oslo"), quote=1.0))], sep=" -> "), 2, 3), "with the cards {}|containing {}", ask="Which cards should it have?")],
       "create flashcards|make a study deck",
       "Make a flashcard deck called {deck_name} with {cards}.|Create flashcards {deck_name}: {cards}."),
    fn("library.search_books", "Search the library catalogue by title words or author. Returns book ids, titles, years and availability, newest first.",
       [P("query", "Title words or author name.", Pick(("climate", "roman empire", "machine learning", "ocean", "jazz", "gardening", "astronomy", "philosophy")), "on {}|about {}", "topic", "What are you looking for?"),
        P("available_only", "Only books that can be borrowed now.", Bool("that are available now|on the shelf right now", "including ones on loan"), "{}").opt(False), P("branch", "Library branch.", Pick(BRANCHES), "at the {}|in the {}").opt()],
       "search the library catalogue|find a library book",
       "Find books about {query}{+}.|Does the library have anything on {query}{+}?|Search the catalogue for {query}{+}.",
       returns=_books, answer="The newest is \"{books[0][title]}\" ({books[0][year]}); available: {books[0][available]}."),
    fn("reserve_book", "Reserve a library book for pickup at a branch.",
       [P("book_id", "Book identifier, e.g. BK-204913.", Code("BK-######"), "{}", "book ID", "Which book (its ID)?"), P("pickup_branch", "Branch to collect it from.", Pick(BRANCHES), "for pickup at the {}|at the {}", "pickup branch", "Which branch will you collect it from?")],
       "reserve a library book|put a book on hold",
       "Reserve {book_id} for pickup at the {pickup_branch}.|Put {book_id} on hold at the {pickup_branch}."),
    fn("renew_loan", "Extend a library loan by some weeks.",
       [P("loan_id", "Loan identifier, e.g. LN-88213.", Code("LN-#####"), "{}", "loan ID", "Which loan (its ID)?"), P("weeks", "Extra weeks.", Int(1, 4, words_p=0.6), "for {} more weeks|by {} weeks").opt(2)],
       "renew a library loan|extend a borrowed book",
       "Renew loan {loan_id}{+}.|Extend {loan_id}{+}."),
    fn("get_timetable", "A student's class timetable for the week starting on a date.",
       [STUDENT, P("week_start", "Monday of the week, YYYY-MM-DD.", DATE, "for the week of {}|starting {}", "week")],
       "get a class timetable|see my schedule of classes",
       "Show the timetable of {student_id} for the week of {week_start}.|What classes does {student_id} have the week starting {week_start}?"),
    fn("Submit Assignment", "Hand in an assignment file for a course.",
       [COURSE, P("assignment_id", "Assignment identifier, e.g. A3.", Pick(("A1", "A2", "A3", "A4", "Lab 2", "Essay 1", "Project")), "{}", "assignment", "Which assignment?"),
        P("file_url", "Link to the submitted file.", Pick(("https://files.example.edu/u/8812/essay.pdf", "https://drive.example.com/d/report-final", "https://files.example.edu/u/1204/lab2.zip", "https://share.example.org/s/project.ipynb")), "with {}|from {}", "file link", "Where is the file (a link)?"),
        P("late_reason", "Reason if submitted after the deadline.", Pick(("illness", "family emergency", "technical problems"), quote=0.3), "citing {} as the reason it is late").opt()],
       "submit an assignment|hand in my coursework",
       "Submit {assignment_id} for {course_code} with {file_url}{+}.|Hand in {course_code} {assignment_id}: {file_url}{+}."),
    fn("scholarship_search", "Scholarships by field of study, country and degree level, above a minimum award.",
       [P("field", "Field of study.", SUBJECTS, "in {}|for {}"), P("country", "Country of study.", COUNTRY, "in {}|to study in {}"), P("degree", "Degree level.", Enum("bachelor|master|phd", {"phd": "PhD", "master": "master's", "bachelor": "bachelor's"}), "for a {}|at {} level").opt(),
        P("min_amount", "Smallest award in USD.", money(500, 30000, step=500), "worth at least {}|of {} or more").opt()],
       "find scholarships|look for study funding",
       "Find scholarships for {field} in {country}{+}.|Any {field} scholarships to study in {country}{+}?"),
    fn("exam_schedule", "Date, time and room of a course's exams.",
       [COURSE, TERM.opt()],
       "get the exam schedule|find out when an exam is",
       "When is the {course_code} exam{+}?|Exam dates for {course_code}{+}?",
       returns=lambda rng, a: {"course_code": a["course_code"], "date": f"2026-0{rng.randint(1, 6)}-{rng.randint(10, 28)}", "time": rng.choice(("09:00", "13:30", "16:00")), "room": rng.choice(("Hall A", "Room 204", "Gym", "Lab 3"))},
       answer="The {course_code} exam is on {date} at {time} in {room}."),
    fn("Language Tutor Booking", "Book a lesson with a language tutor.",
       [P("language", "Language to learn.", LANGUAGE, "in {}|for {}", ask="Which language?"), P("date", "Day, YYYY-MM-DD.", DATE, "on {}"), P("start_time", "Start, HH:MM.", TIME, "at {}", "start time"),
        P("duration_minutes", "Lesson length.", minutes(30, 90, 15), "for {}").opt(60), P("level", "Learner level.", Enum("a1|a2|b1|b2|c1", {"a1": "A1|complete beginner", "a2": "A2", "b1": "B1|intermediate", "b2": "B2", "c1": "C1|advanced"}), "at {} level").opt()],
       "book a language lesson|schedule a session with a tutor",
       "Book a {language} lesson on {date} at {start_time}{+}.|I'd like a {language} tutor on {date} at {start_time}{+}."),
    fn("check_plagiarism", "Similarity report of a document against web sources or a course archive.",
       [P("document_url", "Link to the document.", Pick(("https://files.example.edu/u/8812/essay.pdf", "https://drive.example.com/d/report-final", "https://share.example.org/s/thesis-draft.docx")), "for {}|of {}", "document link"),
        P("sources", "What to compare against.", Enum("web|archive|both", {"archive": "past submissions|the course archive", "both": "both the web and past submissions"}), "against {}").opt("both")],
       "check a document for plagiarism|run a similarity check",
       "Check {document_url} for plagiarism{+}.|Run a similarity check on {document_url}{+}."),
]

CHAINS = [
    chain("search_courses", "enroll_student", {"course_code": lambda res: res["courses"][0]["course_code"]},
          "Find {subject} courses and enrol {student_id} in the cheapest one for {term}.|Look up {subject} courses, then sign {student_id} up for the lowest-priced one in {term}."),
    chain("library.search_books", "reserve_book", {"book_id": lambda res: res["books"][0]["book_id"]},
          "Search the library for {query} and reserve the newest book for pickup at the {pickup_branch}.|Find books about {query}, then put the most recent one on hold at the {pickup_branch}."),
]
