//! The words synthetic scenarios are made of: names, lines, responses, flags and promises.

pub(super) const FLAGS: [&str; 5] = [
    "greeted",
    "apologised",
    "checked_order",
    "offered_refund",
    "asked_manager",
];
pub(super) const PROMISES: [(&str, &str, Option<u32>); 3] = [
    ("callback", "call {name} back before closing", Some(240)),
    ("refund", "refund the {item} within two days", Some(2880)),
    ("update", "email an update on the {item}", None),
];
pub(super) const RUBRIC: &str = "house_style";
pub(super) const NAMES: [&str; 8] = [
    "Margaret",
    "Tomasz",
    "Aisha",
    "Jo",
    "Priya Shah",
    "Dev",
    "Rosa",
    "Kwame",
];
pub(super) const ITEMS: [&str; 5] = [
    "blue kettle",
    "winter coat",
    "phone case",
    "garden chair",
    "laptop bag",
];
pub(super) const SAYS: [&str; 10] = [
    "I ordered the {item} two weeks ago and it still hasn't arrived.",
    "Is anyone actually going to help me today?",
    "This is the third time I've had to ask about my {item}.",
    "I just want to know what happens next.",
    "The {item} arrived broken. I'm really disappointed.",
    "Can you tell me when the shop closes?",
    "Your website said it was in stock, but it wasn't.",
    "Honestly, I expected better from you.",
    "My name is {name}, I rang yesterday about the {item}.",
    "Fine. What can you do for me, then?",
];
pub(super) const NARRATION: [&str; 8] = [
    "{name} taps the counter and sighs.",
    "The queue behind {name} grows longer.",
    "{name} holds up a receipt for the {item}.",
    "A phone rings somewhere in the back office.",
    "{name} folds their arms and waits.",
    "The card reader beeps twice and goes quiet.",
    "{name} glances at the clock above the door.",
    "Another message arrives in the thread.",
];
pub(super) const RESPONSES: [&str; 12] = [
    "\"I'm sorry about that, {name}. Let me look into it right now.\"",
    "\"That's not something I can help with.\"",
    "\"Could you give me your order number, please?\"",
    "\"I understand how frustrating this must be.\"",
    "\"You'll have to call head office about the {item}.\"",
    "\"Let me check the stock room for another {item}.\"",
    "\"I'll call you back this afternoon with an answer.\"",
    "Keep typing at the till without looking up.",
    "\"Thank you for your patience. Here's what I can do.\"",
    "\"Our policy doesn't allow refunds after fourteen days.\"",
    "\"Let me get my manager, she can sort this out.\"",
    "\"I can offer you a full refund on the {item} today.\"",
];
pub(super) const FEEDBACK: [&str; 8] = [
    "Owning the problem early calms most customers down.",
    "Quoting rules at an upset customer makes things worse.",
    "A clear next step tells them you are on it.",
    "Silence reads as indifference.",
    "Using their name shows a person is listening.",
    "Passing the problem on without a plan feels like being fobbed off.",
    "A small gesture now saves a complaint later.",
    "Checking the facts first avoids a second mistake.",
];
pub(super) const TIMEOUT: [&str; 5] = [
    "{name} gives up waiting and turns away.",
    "{name} repeats the question, louder this time.",
    "Nobody answers; {name} starts typing a review.",
    "{name} sighs and checks their phone.",
    "The silence stretches on.",
];
pub(super) const PROMPTS: [&str; 4] = [
    "Write your reply to {name}.",
    "Answer the message in your own words.",
    "What do you say?",
    "Reply to the comment about the {item}.",
];
pub(super) const DELAYS: [&str; 5] = ["30m", "45m", "2h", "3h 30m", "1day"];
