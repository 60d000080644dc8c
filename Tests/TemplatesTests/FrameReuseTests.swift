import Testing
import Templates

/// A render keeps the frames of loops and macro calls that ended, for the next ones: what one call
/// or iteration set is never seen by the next, and a frame something still holds is not reused.
struct FrameReuseTests {
    @Test func eachCallAndIterationStartsWithAFrameOfItsOwn() throws {
        let source = """
        {% macro wrap() %}[{{ caller() }}]{% endmacro %}\
        {% macro item(x) %}{{ y }}{% set y = x ~ "!" %}{% call wrap() %}{{ x }}{{ y }}{% endcall %}{% endmacro %}\
        {% for i in [1, 2, 3] %}{{ item(i) }}{{ j }}{% for j in [i * 10] %}<{{ j }}{{ y }}>{% set y = "set" %}{% endfor %}{% endfor %}
        """
        #expect(try Support.render(source, autoescape: false) == "[11!]<10>[22!]<20>[33!]<30>")
    }

    @Test func aCallerKeptPastItsCallStillSeesItsFrame() throws {
        // `keep` returns the caller it was given, called later by another macro: the frame the
        // caller was made in must still hold `x` then, after later calls have run.
        let source = """
        {% macro run(f) %}{{ f() }}{% endmacro %}\
        {% macro keep() %}{{ run(caller) }}{% endmacro %}\
        {% macro item(x) %}{% call keep() %}<{{ x }}>{% endcall %}{% endmacro %}\
        {% for i in ["a", "b"] %}{{ item(i) }}{{ item(i ~ i) }}{% endfor %}
        """
        #expect(try Support.render(source, autoescape: false) == "<a><aa><b><bb>")
    }
}
