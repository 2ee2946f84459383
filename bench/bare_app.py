"""Reference endpoint for the webhook benchmark: a bare Flask view doing one INSERT."""
import os

from flask import Flask, request
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1),
                       pool_size=5)


@app.post("/bare")
def bare():
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO bench_bare (sid, body) VALUES (:sid, :body)"),
                     {"sid": request.form["MessageSid"], "body": request.form.get("Body", "")})
    return "<Response/>", 200, {"Content-Type": "application/xml"}
