# try / except / else / finally: ordering, nested handlers, re-raise, exception tuples, implicit context, retries.
def div(a, b):
    try:
        r = a / b
    except ZeroDivisionError:
        print("  except: division by zero")
        return None
    else:
        print("  else: no exception")
        return r
    finally:
        print("  finally always runs")
print(div(6, 3))
print(div(1, 0))
def nested():
    try:
        try:
            raise KeyError("inner")
        except ValueError:
            print("  wrong handler")
        finally:
            print("  inner finally")
    except LookupError as e:
        print("  outer caught", type(e).__name__, e)
nested()
def reraise():
    try:
        [][1]
    except IndexError:
        print("  logging and re-raising")
        raise
try:
    reraise()
except IndexError as e:
    print("caught re-raised:", e)
def convert(s):
    try:
        return int(s)
    except (ValueError, TypeError) as e:
        return "bad input (%s)" % type(e).__name__
print(convert("12"), convert("x"), convert(None))
try:
    raise RuntimeError("first")
except RuntimeError as e:
    try:
        raise ValueError("second")
    except ValueError as e2:
        print("inner:", e2, "| context:", repr(e2.__context__))
try:
    raise TypeError("bare except catches everything")
except:
    print("bare except")
try:
    pass
except Exception:
    print("never")
else:
    print("else without exception")
finally:
    print("finally without exception")
for exc in (ValueError, KeyError, ZeroDivisionError, Exception):
    try:
        raise exc("x")
    except ValueError:
        print("ValueError branch")
    except (KeyError, ZeroDivisionError) as e:
        print("tuple branch", type(e).__name__)
    except Exception as e:
        print("generic branch", type(e).__name__)
e = "before"
try:
    1 / 0
except ZeroDivisionError as e:
    print("bound:", e)
try:
    print(e)
except NameError as ne:
    print("name e removed after handler:", ne)
count = 0
while True:
    try:
        count += 1
        if count < 3:
            raise ValueError(count)
        break
    except ValueError as err:
        print("retry after", err)
print("succeeded after", count)
