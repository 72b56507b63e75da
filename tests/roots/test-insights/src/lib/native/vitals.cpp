#include <cstdio>

int vitals_count() {
    return 1;
}
