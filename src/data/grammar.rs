//! A tiny seeded grammar of simple English sentences, the built-in text corpus:
//! "The old cat sees a red ball near the river." It has structure worth learning
//! (words, agreement of "a"/"an", clause shapes, capitals and full stops) and millions
//! of distinct sentences, so validation sentences can be kept apart from training ones.

use crate::rng::Rng;

const DETERMINERS: &[&str] = &["the", "a", "my", "your", "one", "this"];
const ADJECTIVES: &[&str] = &[
    "old", "red", "small", "big", "happy", "quiet", "green", "little", "lazy", "brave", "shiny",
    "orange", "angry", "young",
];
const NOUNS: &[&str] = &[
    "cat", "dog", "bird", "ball", "tree", "house", "girl", "boy", "fish", "box", "apple", "owl",
    "hat", "river", "lamp",
];
const TRANSITIVE_VERBS: &[&str] = &[
    "sees", "likes", "finds", "chases", "holds", "wants", "watches", "follows", "paints", "carries",
];
const INTRANSITIVE_VERBS: &[&str] = &[
    "sleeps", "runs", "sings", "waits", "jumps", "smiles", "rests",
];
const ADVERBS: &[&str] = &["quietly", "today", "again", "slowly", "happily", "at night"];
const PREPOSITIONS: &[&str] = &["near", "under", "behind", "with", "on", "beside"];

fn pick<'a>(words: &[&'a str], rng: &mut Rng) -> &'a str {
    words[rng.below(words.len())]
}

fn noun_phrase(rng: &mut Rng) -> String {
    let determiner = pick(DETERMINERS, rng);
    let adjective = if rng.bernoulli(0.5) {
        Some(pick(ADJECTIVES, rng))
    } else {
        None
    };
    let noun = pick(NOUNS, rng);
    let next_word = adjective.unwrap_or(noun);
    let determiner = if determiner == "a" && next_word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        determiner
    };
    match adjective {
        Some(adjective) => format!("{determiner} {adjective} {noun}"),
        None => format!("{determiner} {noun}"),
    }
}

fn clause(rng: &mut Rng) -> String {
    let subject = noun_phrase(rng);
    if rng.bernoulli(0.6) {
        format!(
            "{subject} {} {}",
            pick(TRANSITIVE_VERBS, rng),
            noun_phrase(rng)
        )
    } else if rng.bernoulli(0.5) {
        format!(
            "{subject} {} {}",
            pick(INTRANSITIVE_VERBS, rng),
            pick(ADVERBS, rng)
        )
    } else {
        format!("{subject} {}", pick(INTRANSITIVE_VERBS, rng))
    }
}

/// One sentence, capitalised and ending with a full stop.
pub(crate) fn sentence(rng: &mut Rng) -> String {
    let mut text = clause(rng);
    if rng.bernoulli(0.3) {
        text = format!("{text} {} {}", pick(PREPOSITIONS, rng), noun_phrase(rng));
    }
    if rng.bernoulli(0.15) {
        text = format!("{text}, and {}", clause(rng));
    }
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or(' ');
    format!("{first}{}.", chars.as_str())
}
