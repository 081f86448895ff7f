"""Patient search, pure: the query language (query, dates), name folding and phonetic keys
(names), and the in-memory fuzzy index (fuzzy). No Qt, no database; services.search joins it
to the store."""
