"""Keeps the tasks in a JSON file next to the script."""

import json
import os

PATH = os.path.join(os.path.dirname(__file__), "tasks.json")


def load_tasks():
    if not os.path.exists(PATH):
        return []
    with open(PATH) as file:
        return json.load(file)


def save_tasks(tasks):
    # TODO: write to a temporary file and rename, so a crash cannot leave half a file
    with open(PATH, "w") as file:
        json.dump(tasks, file, indent=2)
