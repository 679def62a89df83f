"""HR: employees, leave, hiring, payroll, reviews, benefits, timesheets and training."""
# ruff: noqa: E501  (a table of declarations: one parameter per line reads best)

import datetime as dt

from itool.data.generate.dsl import (
    Bool,
    Code,
    Custom,
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
    Val,
    chain,
    fn,
)
from itool.data.generate.values import CITY, DATE, PERSON, STREETS, distinct_numbers, ident, money, percent
from itool.data.generate.words import say_int

JOB_TITLES = (
    "Software Engineer", "Data Analyst", "Product Manager", "Account Executive", "UX Designer",
    "HR Business Partner", "Financial Analyst", "Customer Success Manager", "DevOps Engineer",
    "Marketing Specialist", "Warehouse Supervisor", "Legal Counsel",
)
DEPARTMENT = Enum(
    "engineering|sales|marketing|finance|human_resources|operations|legal|customer_support",
    {"human_resources": "HR|human resources", "customer_support": "customer support|support"},
)
COURSES = (
    "Information Security Basics", "First Aid at Work", "Leadership Essentials", "Excel for Analysts",
    "Respect at Work", "Public Speaking", "Data Protection Essentials", "Agile Fundamentals",
)

EMPLOYEE_ID = P("employee_id", "Employee identifier, e.g. EMP-20417.", Code("EMP-#####"), "for employee {}|for {}", "employee ID", "What's the employee ID?")
JOB_TITLE = P("job_title", "Job title.", Pick(JOB_TITLES), "as a {}|for a {}", "job title", "What's the job title?")
DEPT = P("department", "Department.", DEPARTMENT, "in {}|in the {} department", ask="Which department?")


def _salary_range(rng):
    """A salary band with min below max, said "$60,000-$80,000", "60k to 80k EUR"."""
    low = rng.randrange(30000, 150001, 5000)
    high = low + rng.randrange(10000, 40001, 5000)
    currency = rng.choice(("USD", "EUR", "GBP"))
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}[currency]
    forms = (
        f"{symbol}{low:,}-{symbol}{high:,}",
        f"between {symbol}{low:,} and {symbol}{high:,}",
        f"{low // 1000}k to {high // 1000}k {currency}",
        f"{say_int(rng, low, 0.0)} to {say_int(rng, high, 0.0)} {currency}",
    )
    return Val({"min": low, "max": high, "currency": currency}, rng.choice(forms))


SALARY_RANGE = Custom(
    {
        "type": "object",
        "properties": {
            "min": {"type": "integer", "description": "Lowest yearly salary offered."},
            "max": {"type": "integer", "description": "Highest yearly salary offered."},
            "currency": {"type": "string", "enum": ["USD", "EUR", "GBP"], "description": "ISO currency code."},
        },
        "required": ["min", "max", "currency"],
    },
    _salary_range,
)


EXPENSES = (
    ("taxi to the airport", "travel"), ("train ticket", "travel"), ("client dinner", "meals"),
    ("team lunch", "meals"), ("hotel night", "lodging"), ("printer ink", "supplies"),
    ("conference fee", "training"), ("online course", "training"),
)
_AMOUNT = money(5, 600, cents=True)


def _expense(rng):
    """A line item whose category fits its description ("hotel night" is lodging)."""
    (description, category), amount = rng.choice(EXPENSES), _AMOUNT(rng)
    return Val({"description": description, "amount": amount.value, "category": category},
               f"{description} for {amount.text} ({category})")


EXPENSE_ITEM = Custom(
    {
        "type": "object",
        "properties": {
            "description": {"type": "string", "description": "What was paid for."},
            "amount": {"type": "number", "description": "Amount in USD."},
            "category": {"type": "string", "enum": ["travel", "meals", "lodging", "supplies", "training"], "description": "Expense category."},
        },
        "required": ["description", "amount", "category"],
    },
    _expense,
)


def _street(rng):
    text = f"{rng.randint(1, 240)} {rng.choice(STREETS)}"
    return Val(text, text)


def _employee(rng, a):
    first = a["name"].split(" ")[0]
    return {
        "employee_id": ident(rng, "EMP-#####"),
        "name": a["name"],
        "department": a.get("department") or rng.choice(("engineering", "sales", "finance", "operations")),
        "title": rng.choice(JOB_TITLES),
        "manager_id": ident(rng, "EMP-#####"),
        "email": f"{first.lower()}@corp.example.com",
    }


def _working_days(start, end):
    day, end_day, n = dt.date.fromisoformat(start), dt.date.fromisoformat(end), 0
    while day <= end_day:
        n += day.weekday() < 5
        day += dt.timedelta(days=1)
    return n


def _reports(rng, a):
    names = rng.sample(("Ana Silva", "Priya Raman", "Liam O'Connor", "Kenji Sato", "Grace Hughes", "Omar Haddad", "Ingrid Larsen", "Diego Ortega"), rng.randint(2, 4))
    reports = [{"employee_id": ident(rng, "EMP-#####"), "name": n, "title": rng.choice(JOB_TITLES)} for n in names]
    return {"manager_id": a["manager_id"], "count": len(reports), "reports": reports}


def _benchmark(rng, a):
    pct = a.get("percentile", 50)
    base = distinct_numbers(rng, 1, 40000, 160000, 500)[0]
    return {"job_title": a["job_title"], "city": a["city"], "percentile": pct, "salary": int(base * (0.8 + pct / 250)), "currency": "USD"}


def _net(rng, a):
    gross = a["gross_annual"]
    rate = rng.uniform(0.18, 0.38)
    periods = {"monthly": 12, "biweekly": 26, "weekly": 52}[a.get("pay_frequency", "monthly")]
    return {"gross_annual": gross, "net_annual": round(gross * (1 - rate), 2), "net_per_period": round(gross * (1 - rate) / periods, 2),
            "pay_frequency": a.get("pay_frequency", "monthly"), "effective_tax_rate": round(rate * 100, 1)}


FUNCTIONS = [
    fn("hr.find_employee", "Find an employee in the HR directory by name. Returns their employee ID, department, title, manager ID and work email.",
       [P("name", "Full or partial name of the employee.", PERSON, "named {}|called {}", "employee name", "Who are you looking for?"), DEPT.opt()],
       "look up an employee|find a colleague in the directory",
       "Look up {name} in the employee directory{+}.|What's {name}'s employee ID{+}?|Find the employee record for {name}{+}.|Pull up {name}'s HR record{+}.",
       returns=_employee,
       answer="{name} is a {title} in {department} (employee ID {employee_id}, manager {manager_id}).|I found {name}: employee {employee_id}, {title}, {department} department. Their email is {email}."),
    fn("request_time_off", "Submit a leave request for an employee between two dates (inclusive).",
       [EMPLOYEE_ID, P("start_date", "First day of leave, YYYY-MM-DD.", DATE, "from {}|starting {}", "start date", "When does the leave start?"),
        P("end_date", "Last day of leave, YYYY-MM-DD.", DateAfter("start_date", 0, 14), "to {}|until {}|through {}", "end date", "When is the last day of leave?"),
        P("leave_type", "Kind of leave.", Enum("vacation|sick|parental|unpaid|bereavement", {"vacation": "vacation|holiday|annual leave", "sick": "sick leave|sick"}), "as {}|- {} leave|for {}").opt("vacation"),
        P("half_day", "Whether the first day is only a half day.", Bool("with a half day at the start|starting with a half day", "full days only"), "{}").opt(False),
        P("note", "Note for the approver.", Pick(("Family wedding", "Moving house", "Doctor's appointment", "Visiting my parents", "Covered by Sam"), quote=0.6), "with the note {}|noting {}").opt()],
       "request time off|book leave for an employee",
       "Book time off for {employee_id} from {start_date} to {end_date}{+}.|Request leave for {employee_id}, {start_date} until {end_date}{+}.|{employee_id} needs {start_date} through {end_date} off{+}.",
       returns=lambda rng, a: {"request_id": ident(rng, "LV-######"), "status": "pending approval", "working_days": _working_days(a["start_date"], a["end_date"])},
       answer="Leave request {request_id} for {employee_id} covers {working_days} working days and is {status}.|Done: request {request_id} ({working_days} working days, {start_date} to {end_date}) is {status}."),
    fn("getLeaveBalance", "Get how many days of each leave type an employee has left this year or in a given year.",
       [EMPLOYEE_ID, P("leave_type", "Leave type to report; all types when omitted.", Enum("vacation|sick|parental|unpaid", {"vacation": "vacation|holiday|annual leave", "sick": "sick leave|sick day"}), "for {}|of {}").opt(),
        P("year", "Calendar year.", Int(2023, 2026, words_p=0.0), "in {}|for {}").opt()],
       "check a leave balance|see how many days off are left",
       "How many days off does {employee_id} have left{+}?|What's the leave balance of {employee_id}{+}?|Check remaining {leave_type} days for {employee_id}{+}.",
       returns=lambda rng, a: {"employee_id": a["employee_id"], "vacation_days_left": rng.randint(0, 28), "sick_days_left": rng.randint(0, 12)},
       answer="{employee_id} has {vacation_days_left} vacation days and {sick_days_left} sick days left.|Remaining for {employee_id}: {vacation_days_left} days of vacation, {sick_days_left} of sick leave."),
    fn("Job Posting Creator", "Publish a job opening with its title, department, location and salary band.",
       [JOB_TITLE, DEPT, P("location", "City of the office.", CITY, "in {}|based in {}", ask="Where is the job based?"),
        P("salary_range", "Yearly salary band offered.", SALARY_RANGE, "paying {}|with a salary of {}", "salary range", "What salary range should the posting show?"),
        P("employment_type", "Contract type.", Enum("full_time|part_time|contract|internship", {"full_time": "full-time|full time", "part_time": "part-time|part time"}), "({})|as a {} role").opt("full_time"),
        P("remote_allowed", "Whether the role can be done remotely.", Bool("remote-friendly|with remote work allowed", "on-site only|office-based"), "{}").opt(False),
        P("skills", "Required skills.", ListOf(Pick(("Python", "SQL", "Excel", "negotiation", "Figma", "Kubernetes", "German", "public speaking", "Salesforce")), 1, 3), "requiring {}|needing {}").opt()],
       "post a job opening|create a job ad",
       "Post a {job_title} opening in {department}, based in {location}, paying {salary_range}{+}.|Create a job ad: {job_title}, {department} team, {location}, salary {salary_range}{+}.|We're hiring a {job_title} for {department} in {location} at {salary_range}{+}; please post it.",
       returns=lambda rng, a: {"posting_id": ident(rng, "JOB-####"), "status": "published", "url": f"https://jobs.example.com/{ident(rng, '####')}"},
       answer="The {job_title} posting is live as {posting_id}: {url}.|Published {posting_id} ({job_title}, {location}); candidates can apply at {url}."),
    fn("schedule_interview", "Schedule a job interview with a candidate and one or more interviewers.",
       [P("candidate_name", "Candidate's full name.", PERSON, "with {}|for {}", "candidate name", "Who is the candidate?"), P("position", "Position applied for.", Pick(JOB_TITLES), "for the {} role|for the {} position", ask="Which position is it for?"),
        P("interviewers", "Names of the interviewers.", ListOf(PERSON, 1, 3), "with interviewers {}|interviewed by {}", ask="Who will interview?", axis=False),
        P("start_time", "Start, YYYY-MM-DDTHH:MM.", DateTime(), "on {}|for {}", "start time", "When should the interview start?"),
        P("duration_minutes", "Length in minutes.", Custom({"type": "integer"}, lambda rng: Val(*rng.choice(((30, "30 minutes"), (45, "45 minutes"), (60, "an hour"), (60, "60 minutes"), (90, "an hour and a half"), (90, "90 minutes"))))), "for {}|lasting {}").opt(60),
        P("format", "How the interview is held.", Enum("video|onsite|phone", {"onsite": "on-site|in person|onsite", "video": "video|over video", "phone": "phone|by phone"}), "({})|as a {} interview").opt("video")],
       "schedule an interview|set up a job interview",
       "Schedule an interview with {candidate_name} for the {position} role on {start_time}, interviewed by {interviewers}{+}.|Set up {candidate_name}'s {position} interview on {start_time} with {interviewers}{+}.|Book an interview: candidate {candidate_name}, {position}, {start_time}, interviewers {interviewers}{+}."),
    fn("payroll.net_salary", "Estimate take-home pay from a gross yearly salary after income tax, social charges and pension contributions.",
       [P("gross_annual", "Gross yearly salary.", money(20000, 250000, step=1000), "on {}|for a salary of {}", "gross salary", "What's the gross yearly salary?"),
        P("country", "Country whose tax rules apply.", Pick(("United States", "United Kingdom", "Germany", "France", "Netherlands", "Spain", "Ireland", "Canada")), "in {}|working in {}", ask="Which country do you work in?"),
        P("pay_frequency", "How often salary is paid.", Enum("monthly|biweekly|weekly", {"biweekly": "biweekly|every two weeks|fortnightly"}), "paid {}|with {} pay").opt("monthly"),
        P("pension_percent", "Share of gross salary paid into a pension, in percent.", percent(1, 10, 0.5), "putting {} into my pension|with a {} pension contribution").opt()],
       "estimate take-home pay|work out a net salary after tax",
       "What's my take-home pay on {gross_annual} in {country}{+}?|How much is {gross_annual} a year after tax in {country}{+}?|Estimate the net salary for {gross_annual} in {country}{+}.",
       returns=_net,
       answer="Your take-home pay in {country} is about {net_annual} a year, or {net_per_period} per {pay_frequency} payslip (effective tax rate {effective_tax_rate}%).|After tax you would keep roughly {net_annual} a year ({net_per_period} per payslip, paid {pay_frequency}); the effective tax rate is {effective_tax_rate}%."),
    fn("Performance Review Submission", "Submit an employee's performance review for a half-year period, with an overall rating and the outcome of each goal.",
       [EMPLOYEE_ID, P("period", "Review period.", Enum("2024-H1|2024-H2|2025-H1|2025-H2", {"2024-H1": "the first half of 2024|H1 2024", "2024-H2": "the second half of 2024|H2 2024", "2025-H1": "the first half of 2025|H1 2025", "2025-H2": "the second half of 2025|H2 2025"}), "for {}|covering {}", ask="Which review period?"),
        P("overall_rating", "Overall rating from 1 (poor) to 5 (outstanding).", Int(1, 5, words_p=0.4), "with a rating of {}|rated {} out of 5", "overall rating", "What overall rating (1 to 5)?"),
        P("goals", "Each goal and whether it was met.", ObjList(Obj([
            Field("goal", "The goal as agreed.", Pick(("mobile app launch", "hiring plan", "customer churn target", "cloud certification", "cost reduction target", "onboarding revamp", "sales quota"))),
            Field("status", "Outcome.", Enum("met|partially_met|not_met", {"partially_met": "partially met|partly met"}), "({})")], sep=" "), 1, 3),
          "with goals {}|where the goals were {}", ask="Which goals were set and were they met?"),
        P("comments", "Free-text comments from the reviewer.", Pick(("Great team player", "Needs to improve documentation", "Ready for promotion", "Strong quarter overall"), quote=0.7), "commenting {}|with the comment {}").opt()],
       "submit a performance review|file a performance review",
       "Submit {employee_id}'s review for {period}: rating {overall_rating}, goals {goals}{+}.|File a performance review for {employee_id} covering {period}, rated {overall_rating} out of 5, with {goals}{+}."),
    fn("onboardEmployee", "Create the HR record for a new hire and order their equipment.",
       [P("full_name", "New hire's full name.", PERSON, "for {}", "full name", "What's the new hire's name?"),
        P("start_date", "First working day, YYYY-MM-DD.", DATE, "starting {}|from {}", "start date", "When do they start?"), DEPT, JOB_TITLE,
        P("manager_id", "Employee ID of their manager.", Code("EMP-#####"), "reporting to {}|under manager {}", "manager ID").opt(),
        P("equipment", "Equipment to order for day one.", ListOf(Enum("laptop|monitor|phone|headset|keyboard|standing_desk", {"standing_desk": "a standing desk|standing desk"}), 1, 3), "with {}|ordering {}").opt(),
        P("home_address", "Home address for payroll and shipping.", Obj([Field("street", "House number and street.", Custom({"type": "string"}, _street)), Field("city", "City.", CITY), Field("postalCode", "Postal code.", Code("#####"))]),
          "living at {}|with home address {}", "home address").opt()],
       "onboard a new employee|set up a new hire",
       "Onboard {full_name} as a {job_title} in {department} starting {start_date}{+}.|We have a new {job_title}, {full_name}, joining {department} on {start_date}{+}; set them up.|Set up {full_name} ({job_title}, {department}) from {start_date}{+}.",
       returns=lambda rng, a: {"employee_id": ident(rng, "EMP-#####"), "email": a["full_name"].split(" ")[0].lower() + "@corp.example.com", "status": "onboarding"},
       answer="{full_name} is set up as employee {employee_id} with the email {email}.|Created employee {employee_id} for {full_name}; their work email is {email}."),
    fn("list_direct_reports", "List the employees who report directly to a manager.",
       [P("manager_id", "Employee ID of the manager.", Code("EMP-#####"), "for manager {}|of manager {}|of {}", "manager ID", "What's the manager's employee ID?"),
        P("include_contractors", "Also list contractors, not only employees.", Bool("including contractors", "employees only|without contractors"), "{}").opt(False)],
       "list the direct reports|see who is on a manager's team",
       "Who reports to {manager_id}{+}?|List the direct reports of {manager_id}{+}.|Show me {manager_id}'s team{+}.",
       returns=_reports,
       answer="{manager_id} has {count} direct reports, including {reports[0][name]} ({reports[0][title]}) and {reports[1][name]} ({reports[1][title]}).|{count} people report to {manager_id}; the first listed is {reports[0][name]}, {reports[0][title]}."),
    fn("hr.submit_expense_claim", "Submit an expense claim with its line items; amounts in USD.",
       [EMPLOYEE_ID, P("items", "Expenses claimed, each with a description, an amount and a category.", ObjList(EXPENSE_ITEM, 1, 3),
          "for {}|claiming {}", "expense items", "Which expenses (description, amount, category) should I claim?"),
        P("trip_reference", "Business trip the expenses belong to.", Code("TRIP-####"), "for trip {}|under trip {}").opt()],
       "submit an expense claim|claim back expenses",
       "Submit an expense claim for {employee_id}: {items}{+}.|Claim {items} for employee {employee_id}{+}.|File expenses for {employee_id}{+}: {items}."),
    fn("submit_timesheet", "Record hours worked by an employee on a project on one day.",
       [EMPLOYEE_ID, P("date", "Day worked, YYYY-MM-DD.", DATE, "on {}", ask="Which day?"),
        P("hours", "Hours worked, in steps of half an hour.", Num(1, 12, 0.5, words_p=0.3), "{} hours|for {} hours", ask="How many hours?"),
        P("project_code", "Project the time is booked to, e.g. PRJ-204.", Code("PRJ-###"), "on project {}|to {}", "project code", "Which project code?"),
        P("billable", "Whether the hours are billed to a client.", Bool("billable", "non-billable|not billable"), "as {}|, {}").opt(True),
        P("overtime", "Whether the hours count as overtime.", Bool("as overtime|counted as overtime", "as regular time"), "{}").opt(False)],
       "log work hours|fill in a timesheet",
       "Log {hours} hours on {project_code} for {employee_id} on {date}{+}.|Record {hours} hours for {employee_id} on {date}, project {project_code}{+}.|{employee_id} worked {hours} hours on {project_code} on {date}{+}; put it in the timesheet."),
    fn("Benefits Enrollment", "Enroll an employee in a health plan tier, optionally with dental and vision cover and dependants.",
       [EMPLOYEE_ID, P("plan", "Health plan tier.", Enum("basic|standard|premium"), "on the {} plan|in the {} plan", "plan tier", "Which plan: basic, standard or premium?"),
        P("dependents", "Number of dependants covered.", Int(2, 5, words_p=0.5), "covering {} dependants|plus {} dependants").opt(0),
        P("dental", "Add dental cover.", Bool("with dental|including dental", "without dental"), "{}").opt(False),
        P("vision", "Add vision cover.", Bool("with vision cover|including vision", "no vision cover"), "{}").opt(False)],
       "enroll an employee in health benefits|sign someone up for a health plan",
       "Enroll {employee_id} in the {plan} plan{+}.|Sign {employee_id} up for {plan} health cover{+}.|Put employee {employee_id} on the {plan} health plan{+}."),
    fn("getSalaryBenchmark", "Market salary for a job title in a city at a percentile, optionally adjusted for experience.",
       [JOB_TITLE, P("city", "City of the job.", CITY, "in {}", ask="Which city?"),
        P("years_experience", "Years of relevant experience.", Int(0, 25), "with {} years of experience").opt(),
        P("percentile", "Percentile of the market distribution.", Enum((25, 50, 75, 90), {25: "25th percentile|lower quartile", 50: "median|50th percentile", 75: "75th percentile|upper quartile", 90: "90th percentile"}), "at the {}|for the {}").opt(50)],
       "benchmark a salary|find the market salary for a role",
       "What does a {job_title} earn in {city}{+}?|What's the market salary for a {job_title} in {city}{+}?|Benchmark {job_title} pay in {city}{+}.",
       returns=_benchmark,
       answer="A {job_title} in {city} earns about {salary} {currency} a year at the {percentile}th percentile.|At the {percentile}th percentile, {job_title} salaries in {city} are around {salary} {currency}."),
    fn("training.enroll", "Enroll one or more employees in a training course, optionally in a specific session.",
       [P("employee_ids", "Employee IDs to enroll.", ListOf(Code("EMP-#####"), 1, 4), "for {}|enrolling {}", "employee IDs", "Which employees (their IDs)?"),
        P("course", "Course title.", Pick(COURSES, quote=0.5), "in {}|on {}", ask="Which course?"),
        P("session_date", "Date of the session, YYYY-MM-DD; the next one when omitted.", DATE, "on {}|for the session on {}").opt(),
        P("send_reminder", "Email the participants a reminder the day before.", Bool("with a reminder the day before|and remind them", "without a reminder"), "{}").opt(True)],
       "enroll employees in training|sign people up for a course",
       "Enroll {employee_ids} in {course}{+}.|Sign {employee_ids} up for the {course} course{+}.|Register {employee_ids} for {course} training{+}."),
]

CHAINS = [
    chain("hr.find_employee", "getLeaveBalance", {"employee_id": "employee_id"},
          "How many days off does {name} have left? Look up their employee ID first.|Find {name} in the directory and check their leave balance."),
    chain("hr.find_employee", "request_time_off", {"employee_id": "employee_id"},
          "Look up {name}'s employee ID and book them leave from {start_date} to {end_date}.|Find {name} in the employee directory, then request time off for them from {start_date} until {end_date}."),
    chain("list_direct_reports", "training.enroll", {"employee_ids": lambda res: [r["employee_id"] for r in res["reports"]]},
          "Enroll everyone who reports to {manager_id} in {course}.|Find the direct reports of {manager_id} and sign them all up for {course}."),
]
