/* The floor: the least any NDJSON tool must do, walk every byte and count the
 * records (non-blank lines). Usage: floor FILE */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: floor FILE\n"); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    static unsigned char buf[1 << 20];
    size_t n;
    long records = 0;
    int blank = 1;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        for (size_t i = 0; i < n; i++) {
            unsigned char c = buf[i];
            if (c == '\n') { records += !blank; blank = 1; }
            else if (c != ' ' && c != '\t' && c != '\r') blank = 0;
        }
    }
    records += !blank;
    fclose(f);
    printf("%ld records\n", records);
    return 0;
}
