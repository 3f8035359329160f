//! The fixed word lists of the demo caseload. Every family name is an invented compound
//! ("Testwood", "Sampleton", "Mockridge") so no demo record can be mistaken for a real person;
//! given names are common ones, which is what makes the invented family names stand out.

/// The four demo IROs: name and FTE. The first carries the largest caseload; "Quill" is the
/// name the README filters on.
pub(super) const IROS: [(&str, f64); 4] = [
    ("Demo IRO Ada Quill", 1.0),
    ("Demo IRO Ben Inkwell", 1.0),
    ("Demo IRO Cleo Ledgerby", 1.0),
    ("Demo IRO Dev Foliowright", 0.8),
];

/// First halves of the invented family names.
pub(super) const SURNAME_STARTS: [&str; 16] = [
    "Test", "Sample", "Mock", "Fable", "Dummy", "Fiction", "Pretend", "Example", "Proto", "Madeup",
    "Notreal", "Sketch", "Demo", "Trial", "Draft", "Pseudo",
];

/// Second halves of the invented family names (16 × 18 = 288 names: more than the default
/// demo's families, so no two unrelated families share one).
pub(super) const SURNAME_ENDS: [&str; 18] = [
    "wood", "ton", "ridge", "hurst", "by", "field", "ley", "worth", "combe", "stead", "more",
    "brook", "dale", "ham", "shaw", "well", "croft", "gate",
];

/// Common boys' names.
pub(super) const BOYS: [&str; 32] = [
    "Oliver",
    "Jack",
    "Harry",
    "George",
    "Noah",
    "Charlie",
    "Jacob",
    "Alfie",
    "Freddie",
    "Oscar",
    "Leo",
    "Logan",
    "Archie",
    "Theo",
    "Thomas",
    "James",
    "Joshua",
    "Mason",
    "Ethan",
    "Riley",
    "Daniel",
    "Samuel",
    "Kai",
    "Tyler",
    "Liam",
    "Alexander",
    "William",
    "Reuben",
    "Callum",
    "Kian",
    "Dylan",
    "Mohammed",
];

/// Common girls' names.
pub(super) const GIRLS: [&str; 32] = [
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Mia",
    "Ruby",
    "Lily",
    "Grace",
    "Sophie",
    "Ella",
    "Evie",
    "Poppy",
    "Jessica",
    "Chloe",
    "Freya",
    "Millie",
    "Isabella",
    "Daisy",
    "Phoebe",
    "Megan",
    "Holly",
    "Katie",
    "Aisha",
    "Rebecca",
    "Elizabeth",
    "Katherine",
    "Leah",
    "Maya",
    "Zara",
    "Courtney",
    "Niamh",
    "Amber",
];

/// Given names some children prefer to be called by something shorter.
pub(super) const PREFERRED: [(&str, &str); 10] = [
    ("Alexander", "Alex"),
    ("Oliver", "Ollie"),
    ("Thomas", "Tom"),
    ("Samuel", "Sam"),
    ("William", "Billy"),
    ("Daniel", "Dan"),
    ("Jessica", "Jess"),
    ("Elizabeth", "Libby"),
    ("Katherine", "Kate"),
    ("Rebecca", "Becky"),
];

/// Given names of the (equally synthetic) social workers.
pub(super) const WORKERS: [&str; 16] = [
    "Sam", "Jo", "Priya", "Chris", "Alex", "Nadia", "Tom", "Gemma", "Ravi", "Helen", "Marcus",
    "Bethan", "Kwame", "Laura", "Ian", "Fatima",
];

/// Social work teams.
pub(super) const TEAM_NORTH: &str = "Demo North Team";
pub(super) const TEAM_SOUTH: &str = "Demo South Team";
pub(super) const TEAM_THROUGH_CARE: &str = "Demo Through Care";
pub(super) const TEAM_DISABILITY: &str = "Demo Disabled Children Team";

/// Where LAC reviews are held.
pub(super) const LAC_VENUES: [&str; 7] = [
    "Family Centre, Room 2",
    "Online (Teams)",
    "Foster carers' home",
    "Child's school",
    "Children's home",
    "Demo Civic Centre, Room 4",
    "Online (Teams)",
];

/// Where child-protection conferences and core groups are held.
pub(super) const CP_VENUES: [&str; 4] = [
    "Demo Civic Centre, Conference Room 1",
    "Online (Teams)",
    "Family Centre, Room 1",
    "Demo Civic Centre, Conference Room 2",
];

/// Diary times (hour, minute).
pub(super) const TIMES: [(u32, u32); 7] = [
    (9, 30),
    (10, 0),
    (10, 0),
    (11, 0),
    (13, 30),
    (14, 0),
    (15, 30),
];

/// Why a booked meeting was cancelled.
pub(super) const CANCEL_REASONS: [&str; 5] = [
    "Social worker unavailable",
    "Child unwell",
    "Carers unable to attend",
    "Reports not ready in time",
    "Venue unavailable",
];

/// Why a meeting was adjourned.
pub(super) const ADJOURN_REASONS: [&str; 3] = [
    "Key reports not available; to reconvene",
    "Interpreter did not attend",
    "Parent left the meeting; to reconvene",
];

/// Why a review was brought forward (CPPCR reg 33(3)).
pub(super) const EARLY_REASONS: [&str; 4] = [
    "IRO requested: placement disruption",
    "Reg 33(3)(b): concerns raised at a statutory visit",
    "IRO requested: proposed change of care plan",
    "Proposed return home",
];

/// Why a child moved to another IRO.
pub(super) const TRANSFER_REASONS: [&str; 4] = [
    "Caseload rebalancing",
    "Previous IRO left the team",
    "Sibling group brought together under one IRO",
    "Cover arrangement made permanent",
];
