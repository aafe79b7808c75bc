package io.daas.builder.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the arguments of ARG, ENV and LABEL into words the way the builder's parser does
 * (parseWords): blanks separate words except inside quotes; quotes and escapes are kept for the
 * later substitution.
 */
final class Words {

    private Words() {}

    static List<String> split(String rest, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean blankOk = false;
        char quote = 0;
        int n = rest.length();
        for (int pos = 0; pos < n; pos++) {
            char ch = rest.charAt(pos);
            if (quote == 0 && Character.isWhitespace(ch)) {
                if (inWord && (blankOk || word.length() > 0)) {
                    words.add(word.toString());
                }
                word.setLength(0);
                inWord = false;
                blankOk = false;
                continue;
            }
            inWord = true;
            if (quote == 0) {
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                }
                if (ch == escape) {
                    if (pos + 1 == n) {
                        continue;
                    }
                    word.append(ch);
                    ch = rest.charAt(++pos);
                }
                word.append(ch);
                continue;
            }
            if (ch == quote) {
                quote = 0;
            } else if (ch == escape && quote != '\'') {
                if (pos + 1 == n) {
                    continue;
                }
                word.append(ch);
                ch = rest.charAt(++pos);
            }
            word.append(ch);
        }
        if (inWord && (blankOk || word.length() > 0)) {
            words.add(word.toString());
        }
        return words;
    }
}
