"""tqdm.notebook for ctorch: in the Jupyter kernel one updating output with an HTML <progress> bar (green
when done, red when stopped early) next to the text meter; elsewhere the terminal bar of tqdm.std."""

from tqdm.std import tqdm as std_tqdm

__all__ = ["tqdm_notebook", "tnrange", "tqdm", "trange"]


def _escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class tqdm_notebook(std_tqdm):
    """tqdm with a notebook display (text/html + text/plain, updated in place)."""

    def _bundle(self, text, final):
        d = self.format_dict
        n, total = d["n"], d["total"]
        if total:
            # the meter without its bar: "desc: 40%" | "4/10 [00:01<00:01,  3.99it/s]"
            left = text.split("|", 1)[0]
            right = text.rsplit("|", 1)[-1] if "|" in text else text
            value = n if n <= total else total
            bar = '<progress value="%s" max="%s" style="width:20em;%s"></progress>' % (
                value, total, self._accent(final, n, total))
        else:
            left = self.desc[:-2] if self.desc.endswith(": ") else self.desc
            right = text[len(self.desc):] if self.desc and text.startswith(self.desc) else text
            bar = '<progress style="width:20em;%s"></progress>' % self._accent(final, n, total)
        html = ('<div style="display:flex;align-items:center;gap:0.5em;font-family:monospace;white-space:pre">'
                "<span>%s</span>%s<span>%s</span></div>" % (_escape(left.rstrip()), bar, _escape(right.strip())))
        return {"text/plain": text, "text/html": html}

    def _accent(self, final, n, total):
        if not final:
            return ""
        if total is None or n >= total:
            return "accent-color:#5cb85c"   # bootstrap 'success', as ipywidgets' bar_style
        return "accent-color:#d9534f"       # 'danger': stopped before the end


tqdm = tqdm_notebook


def tnrange(*args, **kwargs):
    return tqdm_notebook(range(*args), **kwargs)


trange = tnrange
