#include <cstdio>

int main() {
    std::puts("khet");
    return 0;
}
