#!/usr/bin/env python3
"""User-visible strings in C are marked for translation.

Usage: check-c-translatable.py SOURCE_ROOT

Heuristic: for the GTK, libadwaita and GLib calls that show text to the user
(labels, titles, toasts, dialogs, tooltips, error messages), a bare string
literal with a letter in it, in the argument that holds the text, is an
error: it should be _("…"), or N_() in a table. Files under src/ only;
a line can opt out with a comment containing "no-translate" (for example a
product name or a technical identifier).
"""

import os
import re
import sys

# function → indexes (0-based) of the arguments that are user-visible text
CALLS = {
    'gtk_label_new': [0], 'gtk_label_new_with_mnemonic': [0], 'gtk_label_set_text': [1],
    'gtk_label_set_label': [1], 'gtk_label_set_markup': [1],
    'gtk_button_new_with_label': [0], 'gtk_button_new_with_mnemonic': [0],
    'gtk_button_set_label': [1], 'gtk_check_button_new_with_label': [0],
    'gtk_check_button_new_with_mnemonic': [0], 'gtk_check_button_set_label': [1],
    'gtk_window_set_title': [1], 'gtk_widget_set_tooltip_text': [1],
    'gtk_widget_set_tooltip_markup': [1], 'gtk_entry_set_placeholder_text': [1],
    'gtk_editable_set_text': [],
    'gtk_file_chooser_native_new': [0, 3, 4], 'gtk_file_dialog_set_title': [1],
    'gtk_file_filter_set_name': [1], 'gtk_menu_button_set_label': [1],
    'gtk_string_list_append': [1], 'gtk_print_operation_set_job_name': [],
    'g_menu_append': [1], 'g_menu_item_new': [0], 'g_menu_insert': [2],
    'g_menu_append_section': [1], 'g_menu_append_submenu': [1],
    'adw_toast_new': [0], 'adw_toast_new_format': [0], 'adw_toast_set_title': [1],
    'adw_toast_set_button_label': [1],
    'adw_window_title_new': [0, 1], 'adw_window_title_set_title': [1],
    'adw_window_title_set_subtitle': [1],
    'adw_status_page_set_title': [1], 'adw_status_page_set_description': [1],
    'adw_preferences_row_set_title': [1], 'adw_action_row_set_subtitle': [1],
    'adw_expander_row_set_subtitle': [1], 'adw_preferences_group_set_title': [1],
    'adw_preferences_group_set_description': [1], 'adw_preferences_page_set_title': [1],
    'adw_message_dialog_new': [1, 2], 'adw_message_dialog_set_heading': [1],
    'adw_message_dialog_set_body': [1], 'adw_message_dialog_format_heading': [1],
    'adw_message_dialog_format_body': [1], 'adw_message_dialog_add_response': [2],
    'adw_view_stack_add_titled': [3], 'adw_view_stack_add_titled_with_icon': [3],
    'adw_view_stack_page_set_title': [1], 'adw_tab_page_set_title': [1],
    'adw_entry_row_set_text': [], 'adw_split_button_set_label': [1],
    'adw_button_content_set_label': [1], 'adw_about_window_set_comments': [1],
    'g_set_error': [3], 'g_set_error_literal': [3], 'g_error_new': [2],
    'g_error_new_literal': [2], 'g_prefix_error': [1], 'g_task_return_new_error': [3],
    'g_option_context_new': [0], 'g_option_context_set_summary': [1],
    'g_option_context_set_description': [1],
    'g_notification_new': [0], 'g_notification_set_body': [1],
}
CALL = re.compile(r'(?<![\w.>])(' + '|'.join(sorted(CALLS, key=len, reverse=True)) + r')\s*\(')


def args_of(text, start):
    """Split the arguments of the call whose '(' is at start-1."""
    depth, i, cur, args, n = 0, start, [], [], len(text)
    while i < n:
        c = text[i]
        if c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            cur.append(text[i:j + 1])
            i = j + 1
            continue
        if text.startswith('/*', i):
            j = text.find('*/', i)
            i = n if j < 0 else j + 2
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            if depth == 0:
                args.append(''.join(cur).strip())
                return args
            depth -= 1
        elif c == ',' and depth == 0:
            args.append(''.join(cur).strip())
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    return args


def main():
    root = sys.argv[1]
    errors = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, 'src')):
        dirnames[:] = sorted(dirnames)
        for fn in sorted(filenames):
            if not fn.endswith('.c'):
                continue
            path = os.path.join(dirpath, fn)
            rel = os.path.relpath(path, root)
            text = open(path, encoding='utf-8', errors='replace').read()
            lines = text.split('\n')
            for m in CALL.finditer(text):
                line = text.count('\n', 0, m.start()) + 1
                if 'no-translate' in lines[line - 1] or (line > 1 and 'no-translate' in lines[line - 2]):
                    continue
                args = args_of(text, m.end())
                for idx in CALLS[m.group(1)]:
                    if idx >= len(args):
                        continue
                    a = args[idx]
                    # A bare literal (or concatenated literals), not _( ) / N_( ).
                    if re.fullmatch(r'("(?:[^"\\]|\\.)*"\s*)+', a) and re.search(r'[^\W\d_]', a.replace('%s', '').replace('%d', '').replace('%u', '')):
                        errors.append(f'{rel}:{line}: {m.group(1)}: {a} is not marked for translation')
    for e in errors:
        print('ERROR:', e)
    print(f'{len(errors)} unmarked strings')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
