# --- hostile: the app's process ends while it is imported ---------------------------------------------------------
import os as _c_os

_c_os._exit(3)
