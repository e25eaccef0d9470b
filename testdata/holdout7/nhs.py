import random
def check(d9):
    s=sum(int(c)*w for c,w in zip(d9,range(10,1,-1)))
    c=11-(s%11)
    if c==11: c=0
    return None if c==10 else c
def valid(n):
    n=''.join(ch for ch in n if ch.isdigit())
    if len(n)!=10: return False
    c=check(n[:9]); return c is not None and c==int(n[9])
if __name__=='__main__':
    r=random.Random(7)
    v=[];i=[]
    while len(v)<30:
        d=str(r.randint(4,7))+''.join(str(r.randint(0,9)) for _ in range(8))
        c=check(d)
        if c is not None: v.append(d+str(c))
    while len(i)<30:
        d=''.join(str(r.randint(0,9)) for _ in range(10))
        if not valid(d): i.append(d)
    print('valid',v); print('invalid',i)
