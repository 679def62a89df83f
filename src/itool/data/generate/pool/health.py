"""Health: body measures, medication, appointments, logs."""
# ruff: noqa: E501

from random import Random

from itool.data.generate.dsl import (
    Bool,
    Code,
    Custom,
    Date,
    Enum,
    Int,
    ListOf,
    Measure,
    P,
    Pick,
    Time,
    Val,
    chain,
    fn,
)
from itool.data.generate.values import (
    CITY,
    DATE,
    DATETIME,
    PERSON,
    distinct_numbers,
    ident,
    kilograms,
    minutes,
)

DRUGS = ("ibuprofen", "paracetamol", "amoxicillin", "metformin", "lisinopril", "atorvastatin", "omeprazole", "sertraline", "warfarin", "cetirizine", "levothyroxine", "aspirin")
WEIGHT = P("weight_kg", "Body weight in kilograms.", kilograms(40, 140, 0.5, in_grams=False), "weighing {}|at {}", "weight", "How much do you weigh?")


def _height(rng: Random) -> Val:
    cm = rng.randint(145, 205)
    forms = [f"{cm} cm", f"{cm} centimetres", f"{cm / 100:.2f} m"]
    return Val(cm, rng.choice(forms))


HEIGHT = P("height_cm", "Height in centimetres.", Custom({"type": "integer"}, _height), "and {} tall|with a height of {}", "height", "How tall are you?")
AGE = P("age", "Age in years.", Int(16, 90), "aged {}|at age {}", ask="How old are you?")
PATIENT = P("patient_id", "Patient identifier, e.g. PT-204981.", Code("PT-######"), "for patient {}", "patient ID", "What's the patient ID?")


def _child_age(rng: Random) -> Val:
    """An age in months, said in years once a child is two ("3 years" -> 36)."""
    m = rng.choice((2, 4, 6, 12, 15, 18, 24, 36, 48, 60, 72, 144))
    forms = (f"{m} months", f"{m} months old") if m < 24 or m % 12 else (f"{m // 12} years", f"{m // 12} years old", f"{m} months")
    return Val(m, rng.choice(forms))


def _slots(rng, a):
    hours = sorted(distinct_numbers(rng, 3, 8, 17, 1))
    return {"specialty": a["specialty"], "slots": [{"slot_id": ident(rng, "SL-#####"), "doctor": f"Dr. {rng.choice(('Okafor', 'Lindqvist', 'Raman', 'Costa', 'Sato', 'Hughes'))}", "start": f"{a['date']}T{h:02d}:00"} for h in hours]}


FUNCTIONS = [
    fn("calculate_bmi", "Body mass index from weight and height, with its WHO category.",
       [WEIGHT, HEIGHT], "calculate my BMI|work out a body mass index",
       "What's my BMI if I weigh {weight_kg} and I'm {height_cm} tall?|Calculate BMI for {weight_kg} and {height_cm}.",
       needs_tool=False),
    fn("dailyCalorieNeeds", "Estimated daily calories to maintain weight (Mifflin-St Jeor) for a person and activity level.",
       [AGE, P("sex", "Biological sex.", Enum("female|male", {"female": "female|a woman", "male": "male|a man"}), "as {}|for {}"), WEIGHT, HEIGHT,
        P("activity_level", "How active the person is.", Enum("sedentary|light|moderate|active|very_active", {"light": "lightly active", "moderate": "moderately active", "very_active": "very active"}), "and {}|who is {}").opt("moderate")],
       "estimate daily calorie needs|work out how many calories I need",
       "How many calories a day for {sex}, {age} years old, {weight_kg}, {height_cm}{+}?|I'm {sex}, {age}, {weight_kg} and {height_cm}; what are my daily calorie needs{+}?",
       needs_tool=False),
    fn("check_drug_interactions", "Known interactions between two or more medications, with severity.",
       [P("medications", "Generic drug names.", ListOf(Pick(DRUGS), 2, 4), "between {}|for {}", ask="Which medications are you taking?")],
       "check drug interactions|see whether medicines interact",
       "Can I take {medications} together?|Check interactions between {medications}.|Is it safe to combine {medications}?",
       returns=lambda rng, a: {"medications": a["medications"], "severity": rng.choice(("none", "minor", "moderate", "major")), "advice": rng.choice(("no action needed", "space the doses apart", "ask your pharmacist", "avoid the combination"))},
       answer="Interaction severity: {severity}. Advice: {advice}."),
    fn("Medication Info", "Dosage, side effects or warnings for a medication.",
       [P("drug_name", "Generic drug name.", Pick(DRUGS), "for {}|about {}", "medication", "Which medication?"), P("info_type", "Kind of information.", Enum("dosage|side_effects|warnings|all", {"side_effects": "side effects"}), "- the {}").opt("all")],
       "look up medication information|get medicine details",
       "What are the {info_type} of {drug_name}?|Tell me about {drug_name}{+}.|What's the usual {info_type} for {drug_name}?"),
    fn("find_appointment_slots", "Free appointment slots with doctors of a specialty in a city on a date.",
       [P("specialty", "Medical specialty.", Enum("general_practice|dermatology|cardiology|paediatrics|orthopaedics|ophthalmology|dentistry", {"general_practice": "a GP|general practice", "paediatrics": "paediatrics|a paediatrician", "ophthalmology": "an eye doctor|ophthalmology", "dentistry": "a dentist|dentistry"}), "with {}|for {}", ask="Which kind of doctor do you need?"),
        P("city", "City of the clinic.", CITY, "in {}", ask="In which city?"), P("date", "Date, YYYY-MM-DD.", Date("2025-01-01", "2026-12-31"), "on {}", ask="For which day?")],
       "find a doctor's appointment|look for free appointment slots",
       "Find appointments with {specialty} in {city} on {date}.|Are there any slots for {specialty} in {city} on {date}?",
       returns=_slots, answer="The first free slot is {slots[0][start]} with {slots[0][doctor]}."),
    fn("book_appointment", "Book an appointment slot for a patient.",
       [P("slot_id", "Slot identifier from a slot search, e.g. SL-10432.", Code("SL-#####"), "in slot {}", "slot ID", "Which slot should I book?"), P("patient_name", "Full name of the patient.", PERSON, "for {}", "patient name", "Who is the appointment for?"),
        P("reason", "Short reason for the visit.", Pick(("annual check-up", "persistent cough", "skin rash", "knee pain", "blurred vision", "toothache"), quote=0.3), "for {}|because of {}").opt()],
       "book a medical appointment|reserve an appointment slot",
       "Book slot {slot_id} for {patient_name}{+}.|Please reserve {slot_id} for {patient_name}{+}."),
    fn("log_symptom", "Record a symptom with its severity in the user's health diary.",
       [P("symptom", "Symptom in a few words.", Pick(("headache", "sore throat", "nausea", "back pain", "dizziness", "fatigue", "fever", "itchy eyes")), "- {}", ask="What symptom should I log?"),
        P("severity", "Severity from 1 (mild) to 10 (worst).", Int(1, 10, words_p=0.4), "severity {}|rated {} out of 10", ask="How bad is it from 1 to 10?"), P("started_at", "When it started, YYYY-MM-DDTHH:MM.", DATETIME, "since {}|starting {}").opt(),
        P("notes", "Free-text notes.", Pick(("after lunch", "worse in the morning", "took ibuprofen", "comes and goes"), quote=0.5), "with the note {}|noting {}").opt()],
       "log a symptom|record how I'm feeling",
       "Log a {symptom}, severity {severity}{+}.|Add {symptom} to my health diary, {severity} out of 10{+}.|I have {symptom} at {severity}/10; record it{+}."),
    fn("water_intake_goal", "Recommended daily water intake from body weight and exercise.",
       [WEIGHT, P("exercise_minutes", "Minutes of exercise per day.", minutes(0, 180, 15), "and I exercise {} a day|with {} of exercise").opt(0)],
       "work out how much water to drink|get a daily water goal",
       "How much water should I drink if I weigh {weight_kg}{+}?|Daily water goal for someone weighing {weight_kg}{+}?", needs_tool=False),
    fn("heartRateZones", "Training heart-rate zones from age and, if known, resting heart rate.",
       [AGE, P("resting_hr", "Resting heart rate in beats per minute.", Int(40, 90), "with a resting heart rate of {}|resting pulse {}").opt()],
       "calculate heart rate zones|work out training zones",
       "What are my heart rate zones at {age}{+}?|Give me training zones for a {age}-year-old{+}.", needs_tool=False),
    fn("find_pharmacy", "Pharmacies in a city, optionally only open now or offering a service.",
       [P("city", "City name.", CITY, "in {}", ask="Which city?"), P("open_now", "Only pharmacies open right now.", Bool("that are open now|open right now", "regardless of opening hours"), "{}").opt(False),
        P("services", "Services required.", ListOf(Enum("vaccinations|prescription_delivery|blood_pressure_check|travel_clinic", {"prescription_delivery": "prescription delivery", "blood_pressure_check": "blood pressure checks", "travel_clinic": "a travel clinic"}), 1, 2), "offering {}|with {}").opt()],
       "find a pharmacy|look for a chemist",
       "Find a pharmacy in {city}{+}.|Is there a pharmacy in {city}{+}?|Where can I buy medicine in {city}{+}?"),
    fn("vaccination_schedule", "Recommended vaccinations for an age in a country's national schedule.",
       [P("age_months", "Age in months.", Custom({"type": "integer"}, _child_age), "at {}|for a child of {}", "age"),
        P("country", "Country of the schedule.", Pick(("United Kingdom", "United States", "Germany", "France", "Canada", "Australia", "India", "Brazil")), "in {}").opt()],
       "get the vaccination schedule|find which vaccines are due",
       "Which vaccines are due at {age_months}{+}?|What's the vaccination schedule for a child of {age_months}{+}?"),
    fn("sleep.log_night", "Record a night's sleep: bedtime, wake time and quality.",
       [P("date", "Night of, YYYY-MM-DD.", DATE, "for the night of {}|on {}"), P("bedtime", "Time the user went to bed, HH:MM.", Time(20, 23), "went to bed at {}|bedtime {}"), P("wake_time", "Time the user woke up, HH:MM.", Time(5, 9), "woke at {}|up at {}"),
        P("quality", "How well the user slept.", Enum("poor|fair|good|excellent"), "and mark it as {} sleep|quality {}").opt()],
       "log my sleep|record last night's sleep",
       "Log my sleep on {date}: bed at {bedtime}, up at {wake_time}{+}.|Record sleep for {date}, {bedtime} to {wake_time}{+}."),
    fn("Blood Pressure Log", "Record a blood pressure reading.",
       [P("systolic", "Systolic pressure, mmHg.", Int(90, 180, words_p=0.0), "of {}", ask="What was the systolic (top) number?"), P("diastolic", "Diastolic pressure, mmHg.", Int(55, 110, words_p=0.0), "over {}", ask="What was the diastolic (bottom) number?"),
        P("pulse", "Pulse in beats per minute.", Int(45, 120, words_p=0.0), "pulse {}|with a pulse of {}").opt(), P("measured_at", "When measured, YYYY-MM-DDTHH:MM.", DATETIME, "taken {}|measured {}").opt()],
       "log a blood pressure reading|record my blood pressure",
       "Log blood pressure {systolic}/{diastolic}{+}.|My BP was {systolic} over {diastolic}{+}; record it.|Record a reading of {systolic}/{diastolic}{+}."),
    fn("fitness.log_workout", "Record a workout: activity, duration and optionally distance.",
       [P("activity", "Kind of workout.", Enum("running|cycling|swimming|walking|rowing|yoga|strength", {"strength": "strength training"}), "- {}", ask="What kind of workout was it?"), P("duration_minutes", "Duration in minutes.", minutes(15, 180, 5), "for {}", "duration", "How long did it last?"),
        P("distance_km", "Distance in kilometres.", Measure(1, 60, 0.5, [(1, "{} km"), (1, "{} kilometres"), (0.001, "{} metres")], integer=False), "covering {}|over {}", "distance").opt()],
       "log a workout|record some exercise",
       "Log {activity} for {duration_minutes}{+}.|I did {duration_minutes} of {activity}{+}; record it.|Add a {activity} workout, {duration_minutes}{+}."),
    fn("get_lab_results", "A patient's laboratory results, optionally for one test.",
       [PATIENT, P("test", "Test name.", Enum("full_blood_count|cholesterol|glucose|thyroid|vitamin_d|liver_panel", {"full_blood_count": "full blood count", "vitamin_d": "vitamin D", "liver_panel": "liver function"}), "for the {} test|just the {} results").opt()],
       "get lab results|look up test results",
       "Show lab results for {patient_id}{+}.|What's the {test} result for patient {patient_id}?"),
]

CHAINS = [
    chain("find_appointment_slots", "book_appointment", {"slot_id": lambda res: res["slots"][0]["slot_id"]},
          "Find the earliest appointment with {specialty} in {city} on {date} and book it for {patient_name}.|Look for slots with {specialty} in {city} on {date}, then book the first one for {patient_name}."),
]
