//! A work's display author list, chosen from every source's printed list.
//! Apart from the other fields because it is the one choice that can lose a
//! person: an "et al." list ("Liu, Wang, Chen et al.") and a complete one
//! ("Liu, Wang, Lei") may both be right about what they print, and taking
//! the complete one whole would drop Chen from the work and from every
//! co-author count. So a complete list wins only when every cut list is a
//! prefix of it; otherwise the sources dispute the list, and the display list
//! keeps every printed author, in an order that agrees with each source's
//! printed order, marked cut (the full list is not known).

use std::collections::HashMap;

/// One source's printed author list, as people (ids resolved by the merge).
pub(super) struct Printed<'a> {
    /// The people in printed order.
    pub people: &'a [i64],
    /// The source prints only the first authors ("et al.").
    pub truncated: bool,
}

/// The chosen list: for each place, the printed list and index it is taken
/// from (to copy the name as printed, equal contribution and affiliation).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Chosen {
    pub places: Vec<(usize, usize)>,
    /// The list is cut: the chosen source prints "et al.", or the sources
    /// dispute the list.
    pub truncated: bool,
    /// Some cut list is not a prefix of the list that would have won.
    pub disputed: bool,
}

/// Chooses from `lists`, given in the sources' precedence for publication
/// fields; empty lists (a source that names no author) take no part. `None`
/// when no source names an author.
pub(super) fn choose(lists: &[Printed]) -> Option<Chosen> {
    let named: Vec<usize> = (0..lists.len())
        .filter(|&i| !lists[i].people.is_empty())
        .collect();
    // A complete list beats a cut one, then the longer, then precedence.
    let &best = named
        .iter()
        .min_by_key(|&&i| (lists[i].truncated, std::cmp::Reverse(lists[i].people.len())))?;
    let agrees =
        |i: &usize| !lists[*i].truncated || lists[best].people.starts_with(lists[*i].people);
    if named.iter().all(agrees) {
        let places = (0..lists[best].people.len()).map(|j| (best, j)).collect();
        return Some(Chosen {
            places,
            truncated: lists[best].truncated,
            disputed: false,
        });
    }
    // Cut lists first: what they print is the start of the real list.
    let mut order = named.clone();
    order.sort_by_key(|&i| !lists[i].truncated);
    Some(Chosen {
        places: supersequence(lists, &order),
        truncated: true,
        disputed: true,
    })
}

/// Every person of the lists once, each list's people in that list's order
/// where the lists allow it: a person not yet placed goes right before the
/// next person of its own list that is already placed, or at the end.
fn supersequence(lists: &[Printed], order: &[usize]) -> Vec<(usize, usize)> {
    let mut places: Vec<(usize, usize)> = Vec::new();
    let mut at: HashMap<i64, usize> = HashMap::new();
    for &i in order {
        let people = lists[i].people;
        for (j, person) in people.iter().enumerate() {
            if at.contains_key(person) {
                continue;
            }
            let next_placed = people[j + 1..].iter().filter_map(|p| at.get(p)).min();
            let slot = next_placed.copied().unwrap_or(places.len());
            places.insert(slot, (i, j));
            at = places
                .iter()
                .enumerate()
                .map(|(k, &(l, m))| (lists[l].people[m], k))
                .collect();
        }
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(lists: &[Printed], chosen: &Chosen) -> Vec<i64> {
        chosen
            .places
            .iter()
            .map(|&(l, m)| lists[l].people[m])
            .collect()
    }

    const LIU: i64 = 1;
    const WANG: i64 = 2;
    const CHEN: i64 = 3;
    const LEI: i64 = 4;

    #[test]
    fn a_complete_list_wins_when_every_cut_list_is_its_prefix() {
        let lists = [
            Printed {
                people: &[LIU, WANG],
                truncated: true,
            },
            Printed {
                people: &[LIU, WANG, LEI],
                truncated: false,
            },
        ];
        let c = choose(&lists).unwrap();
        assert_eq!(people(&lists, &c), [LIU, WANG, LEI]);
        assert_eq!(c.places, [(1, 0), (1, 1), (1, 2)]);
        assert!(!c.truncated && !c.disputed);
    }

    #[test]
    fn a_cut_list_that_is_no_prefix_disputes_and_keeps_every_name() {
        let lists = [
            Printed {
                people: &[LIU, WANG, LEI],
                truncated: false,
            },
            Printed {
                people: &[LIU, WANG, CHEN],
                truncated: true,
            },
        ];
        let c = choose(&lists).unwrap();
        assert_eq!(people(&lists, &c), [LIU, WANG, CHEN, LEI]);
        assert!(c.truncated && c.disputed);
    }

    #[test]
    fn names_missing_from_a_cut_list_go_before_its_next_placed_name() {
        let lists = [
            Printed {
                people: &[LIU, CHEN],
                truncated: true,
            },
            Printed {
                people: &[LIU, WANG, CHEN, LEI],
                truncated: false,
            },
        ];
        let c = choose(&lists).unwrap();
        // [Liu, Chen] is not a prefix of the complete list: Wang goes
        // before Chen, as the complete list has it.
        assert_eq!(people(&lists, &c), [LIU, WANG, CHEN, LEI]);
        assert!(c.disputed);
    }

    #[test]
    fn cut_lists_alone_take_the_longest_prefix_or_dispute() {
        let agreeing = [
            Printed {
                people: &[LIU],
                truncated: true,
            },
            Printed {
                people: &[LIU, WANG],
                truncated: true,
            },
        ];
        let c = choose(&agreeing).unwrap();
        assert_eq!(people(&agreeing, &c), [LIU, WANG]);
        assert!(c.truncated && !c.disputed);
        let disputing = [
            Printed {
                people: &[LIU, CHEN],
                truncated: true,
            },
            Printed {
                people: &[LIU, WANG, LEI],
                truncated: true,
            },
        ];
        let c = choose(&disputing).unwrap();
        assert_eq!(people(&disputing, &c), [LIU, CHEN, WANG, LEI]);
        assert!(c.disputed);
    }

    #[test]
    fn no_named_author_is_no_list() {
        let lists = [Printed {
            people: &[],
            truncated: false,
        }];
        assert_eq!(choose(&lists), None);
        assert_eq!(choose(&[]), None);
    }
}
