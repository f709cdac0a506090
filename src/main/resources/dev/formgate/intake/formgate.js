/*! formgate.js | FormGate progressive enhancement */
// Served minified: FormGate drops these comment lines and the indentation (see Script.java).
(()=>{
let D=document,E="formgate-error",B="aria-describedby",n=0,
// The inputs of a field path: "topics", "topics[1]", "address.city" match by name, name[] and a[b].
els=(f,p)=>{p=p.replace(/\[\d+\]$/,"");let b=p.replace(/\.([^.]+)/g,"[$1]");
  for(let k of[p,p+"[]",b,b+"[]"]){let e=k&&f.elements.namedItem(k);if(e)return e.tagName?[e]:[...e]}return[]},
ck=e=>/^(checkbox|radio)$/.test(e.type),
vs=l=>l.flatMap(e=>ck(e)?e.checked?[e.value]:[]:e.multiple?[...e.selectedOptions].map(o=>o.value):[e.value]).map(v=>v.trim()).filter(v=>v),
// One polite live region per form, for the success message and errors that belong to no field.
st=(f,t,bad)=>{let s=f.querySelector(".formgate-status");
  if(!s){s=D.createElement("p");s.className="formgate-status";s.setAttribute("role","status");s.tabIndex=-1;f.append(s)}
  if(t!=null){s.textContent=t;s.dataset.state=bad?"error":"ok"}return s},
cl=f=>{f.querySelectorAll("."+E).forEach(x=>x.remove());
  f.querySelectorAll("[aria-invalid]").forEach(x=>{x.removeAttribute("aria-invalid");x.setAttribute(B,(x.getAttribute(B)||"").replace(/ ?fg-e\d+/g,""))})},
// errs: {field: [message]}. Each message goes next to its field, tied to it with aria-describedby; focus moves to the fi.
show=(f,errs,msg)=>{cl(f);let fi,re=[],s;
  for(let p in errs){let l=els(f,p),m=errs[p].join("; ");if(!l.length){re.push((p?p+" ":"")+m);continue}
    let e=l[0],g=l.length>1&&e.closest("fieldset"),t=g?g.querySelector("legend"):e.labels&&e.labels[0],x=D.createElement("span");
    x.id="fg-e"+ ++n;x.className=E;x.textContent=(t?t.textContent.replace(/[\s:*]+$/,"").trim():p)+" "+m;
    for(let i of l){i.setAttribute("aria-invalid","true");i.setAttribute(B,((i.getAttribute(B)||"")+" "+x.id).trim())}
    g?g.append(x):(e.closest("label")||e).after(x);if(!fi||fi.compareDocumentPosition(e)&2)fi=e}
  if(re.length||!fi)s=st(f,re.length?re.join(". "):msg||"",1);(fi||s).focus()},
// The schema subset checked before posting: required, type, minLength, maxLength, pattern, format email, enum.
one=(r,x,m)=>{let t=r.type,L=[...x].length,c=k=>k+" character"+(k==1?"":"s");
  if(t=="integer"?!/^[-+]?\d+$/.test(x):t=="number"&&isNaN(x))m.push("must be "+(t=="integer"?"an integer":"a number"));
  if(r.minLength>L)m.push("must be at least "+c(r.minLength));
  if(r.maxLength<L)m.push("must be at most "+c(r.maxLength));
  try{r.pattern&&!new RegExp(r.pattern,"u").test(x)&&m.push("is not in the expected format")}catch(_){}
  if(r.format=="email"&&!/^[^\s@]+@[^\s@]+$/.test(x))m.push("must be a valid email address");
  if(r.enum&&!r.enum.map(String).includes(x))m.push("must be one of: "+r.enum.join(", "))},
chk=(s,f)=>{let e={},p=s.properties||{};
  for(let k in p){let r=p[k],l=els(f,k),v=vs(l),m=[];if(!l.length)continue;
    if(!v.length)(s.required||[]).includes(k)&&m.push("is required");
    else if(r.type=="array")v.forEach(x=>one(r.items||{},x,m));else one(r,v[0],m);
    if(m.length)e[k]=[...new Set(m)]}return e},
fill=(f,v)=>{for(let k in v){let a=[].concat(v[k]),i=0;
  for(let e of els(f,k))ck(e)?e.checked=a.includes(e.value):e.multiple?[...e.options].map(o=>o.selected=a.includes(o.value)):/^(file|password|hidden)$/.test(e.type)||(e.value=a[i++]??"")}},
// After a refused plain post FormGate redirects back with #formgate=<base64url JSON>; show it, then drop the fragment.
back=()=>{let h=location.hash.match(/[#&]formgate=([\w-]+)/),r,f;if(!h)return;
  try{r=JSON.parse(decodeURIComponent(escape(atob(h[1].replace(/-/g,"+").replace(/_/g,"/")))))}catch(_){return}
  history.replaceState(0,"",location.href.split("#")[0]);
  f=[...D.forms].find(x=>new URL(x.action).pathname.endsWith("/forms/"+r.form))||D.forms[0];
  if(f){fill(f,r.values||{});show(f,r.errors||{},r.message)}},
// <form data-formgate>: chk fi, then post with fetch and show the answer in place; on a network error post normally.
up=f=>{let a=f.action,sc=fetch(a.split(/[?#]/)[0]+"/schema").then(r=>r.json()).catch(()=>({}));st(f);
  f.addEventListener("submit",async ev=>{ev.preventDefault();cl(f);st(f,"");let e=chk(await sc,f),b,r,j,m={};
    if(Object.keys(e).length)return show(f,e);b=ev.submitter;if(b)b.disabled=1;
    try{r=await fetch(a,{method:"POST",body:new URLSearchParams(new FormData(f)),headers:{Accept:"application/json"}});j=await r.json().catch(()=>({}));
      if(r.ok){f.reset();st(f,f.dataset.formgateSuccess||"Thank you, your submission was received.")}
      else{for(let k in j.errors)m[k]=j.errors[k].map(x=>x.message);show(f,m,j.detail||"Please try again.")}}
    catch(_){HTMLFormElement.prototype.submit.call(f)}finally{if(b)b.disabled=0}})},
go=()=>{D.querySelectorAll("form[data-formgate]").forEach(up);back()};
D.readyState=="loading"?D.addEventListener("DOMContentLoaded",go):go()})();
