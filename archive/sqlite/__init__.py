"""Django's SQLite backend, able to read a database its folder no longer lets it write."""
