# --- a student's own data: an app that ignores DATABASE_URL and keeps its tasks beside itself ----------------------
import json as _s_json
import os as _s_os
import sqlite3 as _s_sqlite3

_S_HERE = _s_os.path.dirname(_s_os.path.abspath(__file__))
_S_JSON = _s_os.path.join(_S_HERE, "tasks.json")
_s_os.makedirs(_s_os.path.join(_S_HERE, "instance"), exist_ok=True)
_s_db = _s_sqlite3.connect(_s_os.path.join(_S_HERE, "instance", "tasks.db"))
_s_db.execute("CREATE TABLE IF NOT EXISTS task (id INTEGER PRIMARY KEY, title TEXT, status TEXT)")
_s_db.execute("INSERT INTO task (title, status) VALUES ('imported', 'pending')")
_s_db.commit()
with open(_S_JSON, "w", encoding="utf-8") as _s_handle:
    _s_json.dump(tasks, _s_handle)
with open(_s_os.path.join(_S_HERE, "imports.log"), "a", encoding="utf-8") as _s_handle:
    _s_handle.write("imported\n")
_s_os.makedirs(_s_os.path.join(_S_HERE, "__pycache__"), exist_ok=True)
