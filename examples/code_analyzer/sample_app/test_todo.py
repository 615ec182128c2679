import todo


def test_add_then_show(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("storage.PATH", str(tmp_path / "tasks.json"))
    todo.add("water the plants")
    todo.show()
    assert capsys.readouterr().out == "1. [ ] water the plants\n"
