"""One router per area of the Backups page; app.py includes them all."""
