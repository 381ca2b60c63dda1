/* kyaml's binding to libyaml's parser: YAML text -> compact events.
 *
 * parse(text, max_depth) -> (events, error); blank_lines(text) -> list[int] (see below)
 *
 * Each event is a tuple
 *     (kind, start, line, column, end, end_line, end_column, anchor, tag, value, style, flags)
 * with positions as libyaml counts them: code-point indexes into ``text`` and 0-based lines and
 * columns. ``kind`` is libyaml's event type (STREAM_START .. MAPPING_END, 1 .. 10). ``value`` is
 * a scalar's text, an alias's anchor name in ``anchor``, or the ``%YAML`` version ("1.1") of a
 * document start. ``style``: a scalar's (PLAIN .. FOLDED, 1 .. 5) or a collection's (BLOCK 1,
 * FLOW 2). ``flags``: bit 0 a scalar's plain_implicit or an implicit document start/end or
 * collection start; bit 1 a scalar's quoted_implicit.
 *
 * ``error`` is None, or (problem, line, column, context, context_line, context_column, kind,
 * offset, value) with 0-based positions (-1 where libyaml has none) and kind "scanner",
 * "parser", "reader" (``offset``: the byte offset of the bad input, ``value``: the character or
 * byte, -1 when none) or "depth" (a collection opened deeper than ``max_depth``: parsing stops
 * there). The events read before an error are returned with it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <yaml.h>
#include <string.h>

static PyObject *
text_or_none(const yaml_char_t *s)
{
    if (s == NULL) {
        Py_RETURN_NONE;
    }
    return PyUnicode_FromString((const char *)s);
}

static PyObject *
make_event(yaml_event_t *e)
{
    PyObject *anchor = NULL, *tag = NULL, *value = NULL;
    long style = 0, flags = 0;

    switch (e->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (e->data.document_start.version_directive != NULL) {
            value = PyUnicode_FromFormat("%d.%d",
                e->data.document_start.version_directive->major,
                e->data.document_start.version_directive->minor);
        }
        flags = e->data.document_start.implicit ? 1 : 0;
        break;
    case YAML_DOCUMENT_END_EVENT:
        flags = e->data.document_end.implicit ? 1 : 0;
        break;
    case YAML_ALIAS_EVENT:
        anchor = text_or_none(e->data.alias.anchor);
        break;
    case YAML_SCALAR_EVENT:
        anchor = text_or_none(e->data.scalar.anchor);
        tag = text_or_none(e->data.scalar.tag);
        value = PyUnicode_DecodeUTF8((const char *)e->data.scalar.value,
                                     (Py_ssize_t)e->data.scalar.length, "strict");
        style = e->data.scalar.style;
        flags = (e->data.scalar.plain_implicit ? 1 : 0) | (e->data.scalar.quoted_implicit ? 2 : 0);
        break;
    case YAML_SEQUENCE_START_EVENT:
        anchor = text_or_none(e->data.sequence_start.anchor);
        tag = text_or_none(e->data.sequence_start.tag);
        style = e->data.sequence_start.style;
        flags = e->data.sequence_start.implicit ? 1 : 0;
        break;
    case YAML_MAPPING_START_EVENT:
        anchor = text_or_none(e->data.mapping_start.anchor);
        tag = text_or_none(e->data.mapping_start.tag);
        style = e->data.mapping_start.style;
        flags = e->data.mapping_start.implicit ? 1 : 0;
        break;
    default:
        break;
    }
    if (anchor == NULL) { anchor = Py_None; Py_INCREF(anchor); }
    if (tag == NULL) { tag = Py_None; Py_INCREF(tag); }
    if (value == NULL) {
        if (PyErr_Occurred()) {
            Py_DECREF(anchor);
            Py_DECREF(tag);
            return NULL;
        }
        value = Py_None;
        Py_INCREF(value);
    }
    /* The six positions; equal ones share one int object (a column equals its index on a
     * text's first line, an end line its start line, an empty event's end its start), which
     * keeps the events of a large one-line or many-line input smaller. */
    Py_ssize_t at[6] = {
        (Py_ssize_t)e->start_mark.index, (Py_ssize_t)e->start_mark.line,
        (Py_ssize_t)e->start_mark.column, (Py_ssize_t)e->end_mark.index,
        (Py_ssize_t)e->end_mark.line, (Py_ssize_t)e->end_mark.column,
    };
    PyObject *tuple = PyTuple_New(12);
    if (tuple == NULL) {
        Py_DECREF(anchor);
        Py_DECREF(tag);
        Py_DECREF(value);
        return NULL;
    }
    PyObject *kind = PyLong_FromLong((long)e->type);
    if (kind == NULL) {
        goto failed;
    }
    PyTuple_SET_ITEM(tuple, 0, kind);
    for (int k = 0; k < 6; k++) {
        PyObject *number = NULL;
        for (int j = 0; j < k; j++) {
            if (at[j] == at[k]) {
                number = PyTuple_GET_ITEM(tuple, 1 + j);
                Py_INCREF(number);
                break;
            }
        }
        if (number == NULL && (number = PyLong_FromSsize_t(at[k])) == NULL) {
            goto failed;
        }
        PyTuple_SET_ITEM(tuple, 1 + k, number);
    }
    PyTuple_SET_ITEM(tuple, 7, anchor);
    PyTuple_SET_ITEM(tuple, 8, tag);
    PyTuple_SET_ITEM(tuple, 9, value);
    anchor = tag = value = NULL; /* the tuple owns them */
    PyObject *numbers[2] = {PyLong_FromLong(style), PyLong_FromLong(flags)};
    if (numbers[0] == NULL || numbers[1] == NULL) {
        Py_XDECREF(numbers[0]);
        Py_XDECREF(numbers[1]);
        goto failed;
    }
    PyTuple_SET_ITEM(tuple, 10, numbers[0]);
    PyTuple_SET_ITEM(tuple, 11, numbers[1]);
    return tuple;
failed:
    Py_XDECREF(anchor);
    Py_XDECREF(tag);
    Py_XDECREF(value);
    Py_DECREF(tuple); /* unset items are NULL, which tuple deallocation skips */
    return NULL;
}

static PyObject *
parser_error(yaml_parser_t *p)
{
    const char *kind = "parser";
    Py_ssize_t offset = -1;
    long value = -1;
    if (p->error == YAML_SCANNER_ERROR) {
        kind = "scanner";
    } else if (p->error == YAML_READER_ERROR) {
        kind = "reader";
        offset = (Py_ssize_t)p->problem_offset;
        value = (long)p->problem_value;
    } else if (p->error == YAML_MEMORY_ERROR) {
        return PyErr_NoMemory();
    }
    PyObject *context = p->context != NULL ? PyUnicode_FromString(p->context) : Py_None;
    if (context == NULL) {
        return NULL;
    }
    if (context == Py_None) {
        Py_INCREF(context);
    }
    return Py_BuildValue("(snnNnnsnl)", p->problem ? p->problem : "",
                         (Py_ssize_t)p->problem_mark.line, (Py_ssize_t)p->problem_mark.column,
                         context, (Py_ssize_t)p->context_mark.line,
                         (Py_ssize_t)p->context_mark.column, kind, offset, value);
}

static PyObject *
parse(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t max_depth;
    if (!PyArg_ParseTuple(args, "Un", &text, &max_depth)) {
        return NULL;
    }
    Py_ssize_t size;
    const char *data = PyUnicode_AsUTF8AndSize(text, &size);
    if (data == NULL) {
        return NULL;
    }
    PyObject *events = PyList_New(0);
    if (events == NULL) {
        return NULL;
    }
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        Py_DECREF(events);
        return PyErr_NoMemory();
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, (size_t)size);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    PyObject *error = NULL;
    Py_ssize_t depth = 0;
    int done = 0;
    while (!done) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            error = parser_error(&parser);
            break;
        }
        if (event.type == YAML_SEQUENCE_START_EVENT || event.type == YAML_MAPPING_START_EVENT) {
            if (++depth > max_depth) {
                error = Py_BuildValue("(snnOnnsnl)", "nested too deep",
                                      (Py_ssize_t)event.start_mark.line,
                                      (Py_ssize_t)event.start_mark.column, Py_None,
                                      (Py_ssize_t)-1, (Py_ssize_t)-1, "depth", (Py_ssize_t)-1,
                                      -1L);
                yaml_event_delete(&event);
                break;
            }
        } else if (event.type == YAML_SEQUENCE_END_EVENT || event.type == YAML_MAPPING_END_EVENT) {
            depth--;
        }
        done = event.type == YAML_STREAM_END_EVENT;
        PyObject *item = make_event(&event);
        yaml_event_delete(&event);
        if (item == NULL || PyList_Append(events, item) < 0) {
            Py_XDECREF(item);
            yaml_parser_delete(&parser);
            Py_DECREF(events);
            return NULL;
        }
        Py_DECREF(item);
    }
    yaml_parser_delete(&parser);
    if (error == NULL) {
        if (PyErr_Occurred()) {
            Py_DECREF(events);
            return NULL;
        }
        error = Py_None;
        Py_INCREF(error);
    }
    return Py_BuildValue("(NN)", events, error);
}

/* blank_lines(text) -> list[int]: the 1-based numbers of the lines of ``text`` that hold only
 * spaces and tabs between two ``\n`` line breaks (the first line and a last one without a break
 * are never counted), read from the string's own storage (memchr for one-byte strings): the
 * formatter keeps blank lines, and looking for them in Python costs several times more. Lines
 * count by ``\n`` alone: a text with another line break (CR, NEL, LS, PS) gives None. */
static int
append_line(PyObject *found, long line)
{
    PyObject *number = PyLong_FromLong(line);
    if (number == NULL)
        return -1;
    int failed = PyList_Append(found, number);
    Py_DECREF(number);
    return failed;
}

static PyObject *
blank_lines(PyObject *self, PyObject *args)
{
    PyObject *text;
    if (!PyArg_ParseTuple(args, "U", &text))
        return NULL;
    PyObject *found = PyList_New(0);
    if (found == NULL)
        return NULL;
    Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    long line = 1;
    if (kind == PyUnicode_1BYTE_KIND) {
        const char *chars = data, *p = chars, *end = chars + size;
        if (memchr(chars, '\r', (size_t)size) != NULL || memchr(chars, 0x85, (size_t)size) != NULL) {
            Py_DECREF(found);
            Py_RETURN_NONE;
        }
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            if (nl == NULL)
                break;
            if (line > 1) {
                const char *q = p;
                while (q < nl && (*q == ' ' || *q == '\t'))
                    q++;
                if (q == nl && append_line(found, line) < 0) {
                    Py_DECREF(found);
                    return NULL;
                }
            }
            p = nl + 1;
            line++;
        }
        return found;
    }
    int blank = 1;
    for (Py_ssize_t i = 0; i < size; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) {
            Py_DECREF(found);
            Py_RETURN_NONE;
        }
        if (c == '\n') {
            if (line > 1 && blank && append_line(found, line) < 0) {
                Py_DECREF(found);
                return NULL;
            }
            line++;
            blank = 1;
        }
        else if (c != ' ' && c != '\t') {
            blank = 0;
        }
    }
    return found;
}

static PyObject *
version(PyObject *self, PyObject *unused)
{
    return PyUnicode_FromString(yaml_get_version_string());
}

static PyMethodDef methods[] = {
    {"parse", parse, METH_VARARGS,
     "parse(text, max_depth) -> (events, error): libyaml's events for text, compact."},
    {"blank_lines", blank_lines, METH_VARARGS,
     "blank_lines(text) -> list[int]: the 1-based numbers of text's blank lines (\\n breaks only)."},
    {"version", version, METH_NOARGS, "version() -> str: the version of the libyaml linked."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_libyaml", "kyaml's binding to libyaml's parser.", -1, methods,
};

PyMODINIT_FUNC
PyInit__libyaml(void)
{
    return PyModule_Create(&module);
}
