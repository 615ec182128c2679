"""A tiny to-do list on the command line: add, list and finish tasks."""

import sys

from storage import load_tasks, save_tasks


def add(text):
    tasks = load_tasks()
    tasks.append({"text": text, "done": False})
    save_tasks(tasks)


def finish(number):
    tasks = load_tasks()
    # TODO: report a clear error when the number is out of range
    tasks[number - 1]["done"] = True
    save_tasks(tasks)


def show():
    for number, task in enumerate(load_tasks(), start=1):
        mark = "x" if task["done"] else " "
        print(f"{number}. [{mark}] {task['text']}")


def main(argv):
    if len(argv) < 2:
        show()
    elif argv[1] == "add":
        add(" ".join(argv[2:]))
    elif argv[1] == "done":
        finish(int(argv[2]))
    else:
        print("usage: todo.py [add TEXT | done NUMBER]")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
