"""Class sessions: join codes, pseudonyms, quizzes, scoring and the class store."""
