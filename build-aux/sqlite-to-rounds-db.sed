# Converts store code from SQLite's C API to the store's engine layer
# (src/core/store/rounds-db.h), see docs/architecture.md, "Two engines".
# Usage: sed -i -f build-aux/sqlite-to-rounds-db.sed src/core/store/FILE.c
/#include <sqlite3\.h>/d
s/\bsqlite3_stmt\b/RoundsDbStmt/g
s/\bsqlite3_int64\b/gint64/g
s/\bsqlite3_\([a-z0-9_]*\)\b/rounds_db_\1/g
s/\bsqlite3\b/RoundsDb/g
s/\bSQLITE_\([A-Z_]*\)\b/ROUNDS_DB_\1/g
s/\b_rounds_store_sqlite_error\b/_rounds_store_db_error/g
