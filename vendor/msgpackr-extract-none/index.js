// msgpackr loads its native decoder in a try/catch and falls back to JavaScript when it is absent.
throw new Error('msgpackr-extract is not used by fbuild');
