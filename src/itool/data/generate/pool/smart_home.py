"""Smart home: heating, lights, blinds, locks, alarm, appliances, automations, energy."""
# ruff: noqa: E501  (a table of declarations: one parameter per line reads best)

from itool.data.generate.dsl import (
    Bool,
    Code,
    Custom,
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
    Time,
    Val,
    chain,
    fn,
)
from itool.data.generate.values import distinct_numbers, ident, minutes, seconds

ROOMS = ("living room", "kitchen", "bedroom", "master bedroom", "kids' room", "office", "hallway", "bathroom", "dining room", "guest room", "garage", "basement")
ROOM = Pick(ROOMS)
ROOM_P = P("room", "Room name as set up in the home app, e.g. living room.", ROOM, "in the {}|for the {}", ask="Which room?")
DEVICE_ID = P("device_id", "Device identifier from the device list, e.g. DEV-4821.", Code("DEV-####"), "for device {}|of {}", "device ID", "Which device (its ID)?")
SWITCHABLE = ("porch light", "hallway lights", "coffee machine", "desk fan", "space heater", "kitchen radio", "garden sprinkler", "towel warmer")
PLAYLISTS = ("Morning Jazz", "Dinner Party", "Focus Beats", "Rainy Day", "Kids Singalong", "90s Hits", "Deep Sleep")
DOORS = ("front door", "back door", "garage side door", "patio door")


def _percent_open(rng):
    """How far open, in percent, said "40%", "halfway", "fully open" or "closed"."""
    n = rng.randrange(0, 101, 10)
    forms = [f"{n}%", f"{n} percent"]
    forms += {0: ["fully closed", "closed"], 50: ["halfway", "half open"], 100: ["fully open", "all the way open"]}.get(n, [])
    return Val(n, rng.choice(forms))


def _brightness(rng):
    n = rng.randrange(10, 101, 10)
    forms = [f"{n}%", f"{n} percent brightness"]
    forms += {50: ["half brightness"], 100: ["full brightness"]}.get(n, [])
    return Val(n, rng.choice(forms))


def _trigger(rng):
    """What starts an automation; the fields present depend on its type."""
    kind = rng.choice(("time", "sunset", "sunrise", "motion", "door_open"))
    if kind == "time":
        t = Time(6, 22)(rng)
        return Val({"type": "time", "at": t.value}, rng.choice((f"every day at {t.text}", f"daily at {t.text}")))
    if kind in ("sunset", "sunrise"):
        return Val({"type": kind}, rng.choice((f"at {kind}", f"when the sun {'sets' if kind == 'sunset' else 'rises'}")))
    room = rng.choice(ROOMS)
    if kind == "motion":
        return Val({"type": "motion", "room": room}, f"when motion is detected in the {room}")
    door = rng.choice(DOORS)
    return Val({"type": "door_open", "door": door}, f"when the {door} opens")


TRIGGER = Custom({"type": "object", "properties": {
    "type": {"type": "string", "enum": ["time", "sunset", "sunrise", "motion", "door_open"], "description": "What starts the automation."},
    "at": {"type": "string", "description": "Time of day HH:MM, for type time."},
    "room": {"type": "string", "description": "Room whose motion sensor fires, for type motion."},
    "door": {"type": "string", "description": "Door whose contact sensor fires, for type door_open."},
}, "required": ["type"]}, _trigger)


def _climate(rng, a):
    return {"room": a["room"], "temperature_c": rng.randrange(30, 52) / 2, "humidity_percent": rng.randint(30, 70), "co2_ppm": rng.randrange(420, 1600, 10)}


def _devices(rng, a):
    names = rng.sample(("Ceiling light", "TV", "Air purifier", "Smart plug", "Heater", "Fridge", "Speaker", "Dehumidifier"), 3)
    powers = distinct_numbers(rng, 3, 5, 1800, 5)
    return {"devices": [{"device_id": ident(rng, "DEV-####"), "name": n, "room": a.get("room") or rng.choice(ROOMS), "power_w": w, "online": rng.random() < 0.85} for n, w in zip(names, powers, strict=True)]}


def _energy(rng, a):
    kwh = round(rng.uniform(0.3, 120), 1)
    period = a.get("period", "this_month")
    return {"device_id": a["device_id"], "period": period, "period_label": period.replace("_", " "), "kwh": kwh, "cost_eur": round(kwh * 0.31, 2)}


def _camera_events(rng, a):
    kinds = [rng.choice(a.get("event_types") or ["person", "vehicle", "package", "animal"]) for _ in range(3)]
    return {"camera": a["camera"], "count": len(kinds), "events": [{"event_id": ident(rng, "EVT-######"), "type": k, "time": f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"} for k in kinds]}


FUNCTIONS = [
    fn("set_thermostat", "Set the target temperature of a room's thermostat, optionally changing the mode and holding it until a time.",
       [ROOM_P, P("temperature", "Target temperature in degrees Celsius.", Num(15, 26, 0.5, words_p=0.15), "to {} degrees|at {}°C", ask="What temperature should I set?"),
        P("mode", "Operating mode.", Enum("heat|cool|auto|eco"), "in {} mode|on {}").opt("auto"),
        P("hold_until", "Keep this setting until this time today, HH:MM.", Time(8, 23), "until {}").opt()],
       "set the thermostat|change the heating temperature",
       "Set the {room} to {temperature} degrees{+}.|Make it {temperature}°C in the {room}{+}.|Turn the thermostat in the {room} to {temperature}{+}."),
    fn("setLightState", "Switch a room's lights on or off, with optional brightness and colour.",
       [ROOM_P, P("state", "On or off.", Enum("on|off"), "switching them {}|turning them {}", ask="Should the lights be on or off?", axis=False),
        P("brightness", "Brightness in percent, 10-100.", Custom({"type": "integer"}, _brightness), "at {}|to {}").opt(),
        P("color", "Light colour.", Enum("warm_white|cool_white|red|blue|green|purple|orange", {"warm_white": "warm white", "cool_white": "cool white|daylight white"}), "in {}|coloured {}").opt()],
       "control the lights|switch the lights on or off",
       "Turn {state} the lights in the {room}{+}.|Switch the {room} lights {state}{+}.|Lights {state} in the {room}{+}, please."),
    fn("Device Energy Usage", "Energy a device used over a period, in kWh, with its estimated cost.",
       [DEVICE_ID, P("period", "Period to report.", Enum("today|this_week|this_month|this_year"), "for {}|over {}").opt("this_month")],
       "check a device's energy use|see how much electricity a device uses",
       "How much energy has {device_id} used{+}?|Show the electricity usage of {device_id}{+}.|What's the power consumption of device {device_id}{+}?",
       returns=_energy, answer="{device_id} used {kwh} kWh {period_label}, about €{cost_eur}.|Device {device_id} consumed {kwh} kWh {period_label}, costing roughly €{cost_eur}."),
    fn("list_smart_devices", "List the connected devices in the home, optionally only one room, one type or those offline. Returns ids, names, rooms, current power draw in watts and online status.",
       [P("room", "Only devices in this room.", ROOM, "in the {}").opt(), P("device_type", "Only this kind of device.", Enum("light|plug|thermostat|camera|sensor|speaker|appliance")).opt(),
        P("offline_only", "Only devices that are not responding.", Bool("that are offline|that aren't responding", "whether online or not"), "{}").opt(False)],
       "list my smart home devices|see which devices are connected",
       "What devices do I have{+}?|List the smart devices{+}.|Show me every {device_type} in the {room}{+}.|Which devices are offline{+}?",
       returns=_devices, answer="I found {devices[0][name]} ({devices[0][device_id]}), {devices[1][name]} ({devices[1][device_id]}) and {devices[2][name]} ({devices[2][device_id]})."),
    fn("lock_door", "Lock or unlock a smart door lock.",
       [P("door", "Which door.", Pick(DOORS), "the {}|for the {}", ask="Which door?"), P("action", "Lock or unlock.", Enum("lock|unlock"), "to {} it", ask="Lock or unlock?", axis=False),
        P("confirm", "Whether to send a confirmation to the phone once done.", Bool("with a confirmation on my phone|confirming on my phone", "without a confirmation|no need to confirm"), "{}").opt(True)],
       "operate a smart door lock|change a door's lock state",
       "Please {action} the {door}{+}.|Can you {action} the {door}{+}?|I need the {door} {action}ed{+}."),
    fn("create_automation", "Create a home automation: when the trigger fires, run the actions in order.",
       [P("name", "Name of the automation.", Pick(("Morning routine", "Welcome home", "Night mode", "Porch at dusk", "Garden watering"), quote=0.6), "called {}|named {}", ask="What should the automation be called?", axis=False),
        P("trigger", "What starts the automation.", TRIGGER, "that runs {}|triggered {}", ask="What should trigger it?"),
        P("actions", "Actions to run, each a device and a command.", ObjList(Obj([Field("device", "Device name.", Pick(SWITCHABLE), "switch the {}"), Field("command", "on or off.", Enum("on|off"))], sep=" "), 1, 3), "to {}|that will {}", ask="What should it do?")],
       "create an automation|set up a smart home routine",
       "Create an automation called {name} that runs {trigger} to {actions}.|Set up {name}: {trigger}, {actions}.|New routine {name}: {trigger}, {actions}."),
    fn("security.arm_system", "Arm the alarm system in a mode, optionally leaving some zones unarmed.",
       [P("mode", "Arming mode.", Enum("away|home|night"), "in {} mode|to {} mode", ask="Which mode: away, home or night?", axis=False),
        P("exit_delay_seconds", "Seconds to leave before it arms.", seconds(0, 120, 15), "with an exit delay of {}|giving me {} to leave").opt(30),
        P("bypass_zones", "Zones to leave unarmed.", ListOf(Pick(("garage", "back garden", "basement", "pet area", "upstairs", "conservatory")), 1, 2), "except the {}|but leave the {} unarmed|bypassing {}").opt()],
       "arm the alarm|turn on the security system",
       "Arm the alarm in {mode} mode{+}.|Set the security system to {mode}{+}.|Switch the alarm on, {mode} mode{+}."),
    fn("getRoomClimate", "Current temperature, humidity and CO2 level measured in a room.",
       [ROOM_P],
       "check a room's temperature and humidity|read the climate sensors",
       "How warm is the {room}?|What's the temperature in the {room} right now?|Is the {room} humid?|Check the air in the {room}.",
       returns=_climate, answer="The {room} is at {temperature_c}°C with {humidity_percent}% humidity and {co2_ppm} ppm CO2.|It's {temperature_c}°C in the {room}, humidity {humidity_percent}%."),
    fn("Robot Vacuum Start", "Send the robot vacuum to clean some rooms, optionally mopping too.",
       [P("rooms", "Rooms to clean, in order.", ListOf(ROOM, 1, 3), "in the {}|for the {}", ask="Which rooms should it clean?"),
        P("suction", "Suction power.", Enum("quiet|standard|turbo|max"), "on {}|with {} suction").opt("standard"),
        P("mop", "Whether to mop after vacuuming.", Bool("mopping as well|with mopping", "without mopping|vacuum only"), "{}").opt(False)],
       "start the robot vacuum|have the robot clean some rooms",
       "Vacuum the {rooms}{+}.|Send the robot to clean the {rooms}{+}.|Start the vacuum in the {rooms}{+}."),
    fn("smart_home.schedule_appliance", "Schedule a connected appliance to start a programme at a given time.",
       [P("appliance", "Appliance to start.", Enum("washing_machine|dishwasher|dryer|oven", {"washing_machine": "washing machine|washer"}), "on the {}|with the {}", ask="Which appliance?"),
        P("start_at", "Start time, YYYY-MM-DDTHH:MM.", DateTime(), "at {}|on {}|for {}", "start time", "When should it start?"),
        P("program", "Programme to run.", Enum("quick|normal|intensive|delicate|eco"), "on the {} programme|using {} mode", ask="Which programme?", axis=False),
        P("notify_when_done", "Whether to send a notification when it finishes.", Bool("with a ping when it's done|with a notification at the end", "no notification needed|without notifying me"), "{}").opt(True)],
       "schedule an appliance programme|set an appliance to run later",
       "Start the {appliance} on {start_at} on the {program} programme{+}.|Schedule the {appliance} for {start_at}, {program} cycle{+}."),
    fn("setBlinds", "Move a room's motorised blinds to a position (0 = closed, 100 = fully open).",
       [ROOM_P, P("position", "How far open, in percent.", Custom({"type": "integer"}, _percent_open), "to {}|at {}", ask="How far open should they be?"),
        P("tilt", "Slat angle in degrees, for venetian blinds.", Int(0, 90, 15, words_p=0.0), "with the slats tilted {} degrees").opt()],
       "adjust the blinds|open or close the blinds",
       "Set the {room} blinds to {position}{+}.|Move the blinds in the {room} to {position}{+}.|Blinds in the {room}: {position}{+}."),
    fn("play_music_in_rooms", "Play a playlist on the speakers of one or more rooms.",
       [P("rooms", "Rooms whose speakers should play.", ListOf(ROOM, 1, 3), "in the {}|on the {} speakers", ask="Which rooms?"),
        P("playlist", "Playlist name.", Pick(PLAYLISTS, quote=0.6), "playing {}|with the playlist {}", ask="Which playlist?"),
        P("volume", "Volume 0-100.", Int(10, 90, 5, words_p=0.2), "at volume {}").opt(40),
        P("shuffle", "Whether to shuffle.", Bool("on shuffle|shuffled", "in order|without shuffle"), "{}").opt(False)],
       "play music in some rooms|start a playlist on the speakers",
       "Play {playlist} in the {rooms}{+}.|Put on {playlist} in the {rooms}{+}.|Start {playlist} on the {rooms} speakers{+}."),
    fn("Irrigation Zone Run", "Run garden irrigation zones one after another for a number of minutes each.",
       [P("zones", "Zone numbers to water.", ListOf(Int(1, 8, words_p=0.0), 2, 4), "in zones {}|for zones {}", ask="Which zones?"),
        P("minutes_per_zone", "Watering time per zone.", minutes(5, 60, 5), "for {} each|{} per zone", "watering time", "For how long per zone?"),
        P("skip_if_rain", "Skip if rain is forecast in the next 24 hours.", Bool("unless it's going to rain|but skip it if rain is forecast", "even if rain is forecast|regardless of rain"), "{}").opt(True)],
       "water the garden|run the sprinklers",
       "Water zones {zones} for {minutes_per_zone} each{+}.|Run irrigation on zones {zones}, {minutes_per_zone} per zone{+}."),
    fn("home.activate_scene", "Activate a saved scene (a preset of lights, blinds and music), in every room or only some.",
       [P("scene", "Scene name.", Pick(("Movie night", "Good morning", "Dinner", "Reading", "Away", "Bedtime", "Party"), quote=0.5), "called {}|named {}", ask="Which scene?"),
        P("rooms", "Only these rooms; the whole home when omitted.", ListOf(ROOM, 1, 2), "in the {}|only in the {}").opt()],
       "activate a scene|switch to a lighting scene",
       "Activate {scene}{+}.|Switch to the {scene} scene{+}.|Turn on {scene} mode{+}."),
    fn("get_camera_events", "Events a security camera recorded since a time: people, vehicles, packages or animals, with event ids and times.",
       [P("camera", "Camera name.", Pick(("front door camera", "driveway camera", "backyard camera", "garage camera")), "on the {}|from the {}", ask="Which camera?"),
        P("since", "Start of the window, YYYY-MM-DDTHH:MM.", DateTime(), "since {}", ask="From when?"),
        P("event_types", "Only these kinds of event.", ListOf(Enum("person|vehicle|package|animal"), 1, 2, conj="or"), "only for {} events|showing just {} events").opt()],
       "check the security camera|see what a camera recorded",
       "What did the {camera} pick up since {since}{+}?|Any events on the {camera} since {since}{+}?|Show {camera} detections from {since}{+}.",
       returns=_camera_events, answer="The {camera} recorded {count} events; the first ({events[0][type]}) was at {events[0][time]}."),
]

CHAINS = [
    chain("getRoomClimate", "set_thermostat", {"temperature": lambda res: res["temperature_c"] + 2},
          "Check the temperature in the {room} and set the thermostat there two degrees warmer.|How warm is the {room}? Raise its thermostat by 2 degrees from the current reading."),
    chain("list_smart_devices", "Device Energy Usage", {"device_id": lambda res: max(res["devices"], key=lambda d: d["power_w"])["device_id"]},
          "List the devices in the {room} and show this month's energy use of the one drawing the most power.|Which device in the {room} draws the most power? Get its energy usage for this month."),
]
