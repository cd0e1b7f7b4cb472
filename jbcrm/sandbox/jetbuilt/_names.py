"""Word lists the seeded data is drawn from (audio-visual integrator flavour)."""

from __future__ import annotations

FIRST_NAMES = (
    "Bob", "Jane", "John", "Jill", "Maria", "Omar", "Priya", "Chen", "Lucas", "Emma", "Noah",
    "Ava", "Liam", "Sofia", "Ethan", "Mia", "Aiden", "Zoe", "Ravi", "Hana",
)  # fmt: skip
LAST_NAMES = (
    "Smith", "Jones", "Garcia", "Nguyen", "Patel", "Kim", "Brown", "Lopez", "Wilson", "Martin",
    "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott",
)  # fmt: skip
COMPANY_WORDS = (
    "Harbor", "Summit", "Pioneer", "Bayview", "Cedar", "Atlas", "Beacon", "Redwood", "Granite",
    "Horizon", "Coastal", "Liberty", "Silver", "Northstar", "Meridian", "Oak",
)  # fmt: skip
COMPANY_KINDS = (
    "Church", "Hospital", "University", "School District", "Hotel", "Law Group", "Stadium",
    "Theatre", "Bank", "Studios", "Medical Center", "Capital", "Labs",
)  # fmt: skip
CITIES = (
    ("Irvine", "CA", "92660"), ("Costa Mesa", "CA", "92626"), ("Tallahassee", "FL", "32312"),
    ("Austin", "TX", "78701"), ("Denver", "CO", "80202"), ("Seattle", "WA", "98101"),
    ("Chicago", "IL", "60601"), ("Atlanta", "GA", "30303"), ("Boston", "MA", "02108"),
    ("Phoenix", "AZ", "85004"), ("Portland", "OR", "97204"), ("Nashville", "TN", "37203"),
)  # fmt: skip
STREETS = ("Main St", "Harbor Blvd", "First Ave", "Oak Dr", "Cool St", "Newport Center Dr")
MANUFACTURERS = (
    "Shure", "Sonos", "Crestron", "Extron", "QSC", "Biamp", "Tannoy", "Sony", "Samsung", "LG",
    "Epson", "Barco", "Bose", "JBL", "Yamaha", "Sennheiser", "Audio-Technica", "Chief",
    "Middle Atlantic", "Panasonic", "NEC", "Polycom", "Logitech", "Kramer", "AtlasIED", "Denon",
    "Marantz", "Klipsch", "TruAudio", "ACME",
)  # fmt: skip
PRODUCT_KINDS = (
    ("SM", "Dynamic microphone"), ("SUB", "Wireless subwoofer"),
    ("DSP", "Digital signal processor"), ("AMP", "Power amplifier"),
    ("DI", "Ceiling loudspeaker"), ("PJ", "Laser projector"), ("DSPL", "Commercial display"),
    ("SW", "HDMI matrix switcher"), ("TP", "Touch panel"), ("CAM", "PTZ conference camera"),
    ("RK", "Equipment rack"), ("MT", "Display wall mount"),
)  # fmt: skip
DISTRIBUTORS = ("AV R Us", "Audio Supplier", "ADI Global", "Almo Pro AV", "Midwich")
PHASES = ("Prewire", "Rough-in", "Trim", "Install", "Programming", "Commissioning", "Training")
SEGMENTS = (
    "Healthcare", "Education", "Corporate", "House of Worship", "Hospitality", "Government",
    "Residential", "Retail",
)  # fmt: skip
ROOM_NAMES = (
    "Main Room", "Conference Room", "Lobby", "Board Room", "Classroom", "Sanctuary",
    "Training Room", "Huddle Room", "Auditorium", "Control Room",
)  # fmt: skip
SYSTEM_NAMES = ("Audio system", "Video system", "Control system", "Conferencing", "Network")
TAG_NAMES = ("Floor 1", "Floor 2", "Phase A", "Phase B", "Owner supplied")
PROJECT_WORDS = ("Renovation", "Upgrade", "Refresh", "New Build", "Expansion", "Retrofit")
LABOR_TYPES = (
    ("Senior Engineer", "engineering", "76.0", "100.0"),
    ("Pre-Wire", "install", "70.0", "165.0"),
    ("Installation", "install", "55.0", "110.0"),
    ("Programming", "programming", "80.0", "150.0"),
    ("Project Management", "project_management", "60.0", "120.0"),
)
STAGES = (
    "opportunity", "estimate", "revisions", "proposal", "contract", "install", "review",
    "completed", "icebox", "lost", "template", "trash",
)  # fmt: skip
PROJECT_TYPES = ("project", "box_sale", "design", "service", "rental")
AVSO_REGIONS = ("Atlantic", "National Capital", "Ontario", "Pacific", "Québec", "Western")
TIME_ZONES = (
    "Pacific Time (US & Canada)", "Eastern Time (US & Canada)",
    "Central Time (US & Canada)", "Mountain Time (US & Canada)",
)  # fmt: skip
