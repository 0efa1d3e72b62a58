from internhub.cli import app

app(prog_name="internhub")
