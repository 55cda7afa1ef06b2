/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mobisocket
 * The native part of the mobisocket Python package (module _mobisocket).
 *
 * Parameters are never listed here: HandoverScenario::Parameters::Visit()
 * enumerates them (name, help text, typed field), Set() parses their text and
 * names the parameter in its error, Validate() checks the whole set. A Python
 * value is turned into the text Set() reads according to the field's C++
 * type. Run() executes with the GIL released, one simulation at a time per
 * process; the Python objects are built after the GIL is taken back.
 */

#include "ns3/handover-delay-model.h"
#include "ns3/handover-scenario.h"
#include "ns3/ns3-version.h"

#include <cmath>
#include <mutex>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <string>
#include <type_traits>
#include <vector>

namespace py = pybind11;

using ns3::DelayRange;
using ns3::HandoverDelayModel;
using ns3::HandoverPrediction;
using ns3::HandoverScenario;
using Parameters = HandoverScenario::Parameters;

namespace
{

/**
 * One user of ns-3 at a time in this process: ns-3's simulator and
 * configuration are global. Validation takes it too: it creates ns-3 objects,
 * which read the attribute defaults that a running scenario changes.
 */
std::mutex g_ns3Mutex;

/**
 * \brief Runs a function with the GIL released and g_ns3Mutex held.
 *
 * The lock is released before the GIL is taken back, so a thread waiting for
 * the GIL never holds it.
 * \tparam F the function's type
 * \param function the function
 * \return what it returns
 */
template <class F>
auto
WithNs3(F function)
{
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(g_ns3Mutex);
    return function();
}

/**
 * \param value any Python object
 * \return its repr()
 */
std::string
Repr(const py::handle& value)
{
    return py::repr(value).cast<std::string>();
}

/**
 * \brief An error naming the parameter, raised as ValueError.
 * \param name the parameter
 * \param what what is wrong
 * \param value the offending value
 * \return the exception to throw
 */
py::value_error
BadValue(const std::string& name, const std::string& what, const py::handle& value)
{
    return py::value_error("parameter '" + name + "' " + what + " (got " + Repr(value) + ")");
}

/**
 * \brief Turn a Python value into the text Parameters::Set() reads for a field of type T.
 *
 * Strings are passed through (Set() parses them); numpy scalars count as the
 * Python scalar they hold; bool becomes "true"/"false"; an integral float is
 * accepted for an integer field (bulkBytes=1e6); os.PathLike for strings.
 * \tparam T the field's C++ type
 * \param name the parameter name
 * \param value the Python value
 * \return the text
 */
template <class T>
std::string
TextFor(const std::string& name, const py::handle& value)
{
    if (value.is_none())
    {
        throw BadValue(name, "cannot be None", value);
    }
    if (py::isinstance<py::str>(value))
    {
        return value.cast<std::string>();
    }
    py::object v = py::reinterpret_borrow<py::object>(value);
    if (py::hasattr(v, "dtype") && py::hasattr(v, "item"))
    {
        v = v.attr("item")(); // numpy scalar -> Python scalar
    }
    const bool isBool = py::isinstance<py::bool_>(v);
    const bool isInt = py::isinstance<py::int_>(v) && !isBool;
    const bool isFloat = py::isinstance<py::float_>(v);
    if constexpr (std::is_same_v<T, std::string>)
    {
        if (py::hasattr(v, "__fspath__"))
        {
            py::object path = v.attr("__fspath__")();
            if (py::isinstance<py::str>(path))
            {
                return path.cast<std::string>();
            }
        }
        throw BadValue(name, "expects a string", value);
    }
    else if constexpr (std::is_same_v<T, bool>)
    {
        if (isBool)
        {
            return v.cast<bool>() ? "true" : "false";
        }
        if (isInt && (v.cast<long long>() == 0 || v.cast<long long>() == 1))
        {
            return v.cast<long long>() ? "true" : "false";
        }
        throw BadValue(name, "expects a bool", value);
    }
    else if constexpr (std::is_integral_v<T>)
    {
        if (isInt)
        {
            return py::str(v).cast<std::string>();
        }
        if (isFloat)
        {
            double d = v.cast<double>();
            if (std::isfinite(d) && d == std::floor(d))
            {
                return py::str(py::int_(v)).cast<std::string>();
            }
        }
        throw BadValue(name, "expects an integer", value);
    }
    else
    {
        static_assert(std::is_floating_point_v<T>, "unexpected parameter type");
        if (isInt || isFloat)
        {
            // repr() of a float is the shortest text that reads back to the same double.
            return py::repr(py::float_(v)).cast<std::string>();
        }
        throw BadValue(name, "expects a number", value);
    }
}

/// \return every parameter name, in declaration order
std::vector<std::string>
Names()
{
    std::vector<std::string> names;
    Parameters().Visit(
        [&names](const char* name, const char*, const auto&) { names.emplace_back(name); });
    return names;
}

/**
 * \param name a parameter name that does not exist
 * \return the error message, with close names suggested
 */
std::string
UnknownName(const std::string& name)
{
    std::string message = Parameters().Set(name, ""); // "unknown parameter '...'"
    py::list close =
        py::module_::import("difflib").attr("get_close_matches")(name, Names(), 3, 0.6);
    if (!close.empty())
    {
        message += " (did you mean ";
        for (size_t i = 0; i < close.size(); ++i)
        {
            message += (i ? ", '" : "'") + close[i].cast<std::string>() + "'";
        }
        message += "?)";
    }
    return message;
}

/**
 * \brief Set one parameter from a Python value.
 * \param p the parameters
 * \param name the parameter name
 * \param value its value
 * \throws py::value_error naming the parameter
 */
void
SetValue(Parameters& p, const std::string& name, const py::handle& value)
{
    bool found = false;
    std::string text;
    p.Visit([&](const char* n, const char*, auto& field) {
        if (name == n)
        {
            found = true;
            text = TextFor<std::decay_t<decltype(field)>>(name, value);
        }
    });
    if (!found)
    {
        throw py::value_error(UnknownName(name));
    }
    std::string error = p.Set(name, text);
    if (!error.empty())
    {
        throw py::value_error(error);
    }
}

/**
 * \param p the parameters
 * \param name a parameter name
 * \return its typed value, or a null object if there is no such parameter
 */
py::object
GetValue(const Parameters& p, const std::string& name)
{
    py::object out;
    p.Visit([&](const char* n, const char*, const auto& field) {
        if (name == n)
        {
            out = py::cast(field);
        }
    });
    return out;
}

/**
 * \param p the parameters
 * \return every parameter as name -> typed value, in declaration order
 */
py::dict
ToDict(const Parameters& p)
{
    py::dict out;
    p.Visit([&out](const char* name, const char*, const auto& field) {
        out[py::str(name)] = py::cast(field);
    });
    return out;
}

/**
 * \brief Set every parameter of a mapping, in its order.
 * \param p the parameters
 * \param values name -> value (a key that is not text is named as its str())
 * \throws py::value_error naming the first bad parameter
 */
void
SetAll(Parameters& p, const py::dict& values)
{
    for (const auto& item : values)
    {
        SetValue(p, py::str(item.first).cast<std::string>(), item.second);
    }
}

/**
 * \param kwargs name -> value
 * \return parameters with the defaults overridden by kwargs
 */
Parameters
FromKwargs(const py::kwargs& kwargs)
{
    Parameters p;
    SetAll(p, kwargs);
    return p;
}

/**
 * \param p the parameters
 * \throws py::value_error naming the first bad parameter
 */
void
Validate(const Parameters& p)
{
    Parameters copy = p; // another thread may change p once the GIL is released
    std::string error = WithNs3([&copy]() { return copy.Validate(); });
    if (!error.empty())
    {
        throw py::value_error(error);
    }
}

/**
 * \param values a vector
 * \return a numpy copy
 */
py::array_t<double>
Array(const std::vector<double>& values)
{
    return py::array_t<double>(values.size(), values.data());
}

/**
 * \param messages message counts, by name
 * \return {name: {"count", "ip_bytes"}}
 */
py::dict
MessagesToPython(const std::map<std::string, ns3::MessageStats>& messages)
{
    py::dict out;
    for (const auto& [name, stats] : messages)
    {
        py::dict d;
        d["count"] = stats.count;
        d["ip_bytes"] = stats.bytes;
        out[py::str(name)] = d;
    }
    return out;
}

/**
 * \param result a finished run
 * \param p its parameters
 * \return the Python view of the result
 */
py::dict
ResultToPython(const HandoverScenario::Result& result, const Parameters& p)
{
    py::dict out;
    // The typed values (exact), rather than result.parameters' text.
    out["parameters"] = ToDict(p);
    out["ns3_version"] = result.ns3Version;
    out["survived"] = result.survived;
    out["verdict"] = GetVerdictName(result.verdict);
    out["intact"] = result.intact;
    out["uplink_bytes"] = result.uplinkBytes;
    out["downlink_bytes"] = result.downlinkBytes;
    out["retransmissions"] = result.retransmissions;
    out["rto_expiries"] = result.rtoExpiries;
    out["signalling_lost"] = result.signallingLost;
    out["wall_clock_s"] = result.wallClockS;
    out["end_s"] = result.endS;
    out["cross_bytes"] = result.crossBytes;

    py::list handovers;
    for (const auto& h : result.handovers)
    {
        py::dict d;
        d["host"] = HostName(h.host);
        d["pair"] = h.pair;
        d["kind"] = h.kind;
        d["from_ap"] = h.fromAp;
        d["to_ap"] = h.toAp;
        d["start_s"] = h.startS;
        d["last_old_byte_s"] = h.lastOldByteS;
        d["beacon_loss_s"] = h.beaconLossS;
        d["scan_end_s"] = h.scanEndS;
        d["reassociated_s"] = h.reassociatedS;
        d["advertised_s"] = h.advertisedS;
        d["tentative_s"] = h.tentativeS;
        d["preferred_s"] = h.preferredS;
        d["lease_s"] = h.leaseS;
        d["update_sent_s"] = h.updateSentS;
        d["peer_updated_s"] = h.peerUpdatedS;
        d["peer_answered_s"] = h.peerAnsweredS;
        d["confirmed_s"] = h.confirmedS;
        d["first_new_byte_s"] = h.firstNewByteS;
        d["disruption_s"] = h.disruptionS;
        d["radio_energy_j"] = h.radioEnergyJ;
        d["completed"] = h.completed;
        d["outcome"] = GetOutcomeName(h.outcome);
        handovers.append(d);
    }
    out["handovers"] = handovers;

    py::dict goodput;
    goodput["time_s"] = Array(result.goodputTimeS);
    goodput["uplink_mbps"] = Array(result.goodputUplinkMbps);
    goodput["downlink_mbps"] = Array(result.goodputDownlinkMbps);
    out["goodput"] = goodput;

    py::dict delay;
    delay["time_s"] = Array(result.delayTimeS);
    delay["delay_s"] = Array(result.delayS);
    out["delay"] = delay;

    out["signalling"] = MessagesToPython(result.signalling);
    out["signalling_by_sender"] = MessagesToPython(result.signallingBySender);

    py::list crypto;
    for (const auto& c : result.crypto)
    {
        py::dict d;
        d["node"] = HostName(c.host);
        d["pair"] = c.pair;
        d["signatures"] = c.signatures;
        d["verifications"] = c.verifications;
        d["key_shares"] = c.keyShares;
        d["key_agreements"] = c.keyAgreements;
        d["macs"] = c.macs;
        d["cpu_time_s"] = c.cpuTimeS;
        d["energy_j"] = c.energyJ;
        d["radio_energy_j"] = c.radioEnergyJ;
        crypto.append(d);
    }
    out["crypto"] = crypto;

    py::list pairs;
    for (const auto& pair : result.pairs)
    {
        py::dict d;
        d["pair"] = pair.pair;
        d["verdict"] = GetVerdictName(pair.verdict);
        d["intact"] = pair.intact;
        d["uplink_bytes"] = pair.uplinkBytes;
        d["downlink_bytes"] = pair.downlinkBytes;
        d["retransmissions"] = pair.retransmissions;
        d["rto_expiries"] = pair.rtoExpiries;
        d["handovers"] = pair.handovers;
        pairs.append(d);
    }
    out["pairs"] = pairs;

    const auto& n = result.connections;
    py::dict connections;
    connections["attempted"] = n.attempted;
    connections["opened"] = n.opened;
    connections["completed"] = n.completed;
    connections["stalled"] = n.stalled;
    connections["failed"] = n.failed;
    connections["prepared"] = n.prepared;
    connections["opened_s"] = Array(n.openedS);
    connections["lifetime_s"] = Array(n.lifetimeS);
    connections["close_acked_s"] = Array(n.closeAckedS);
    connections["spanning"] = n.spanning;
    connections["kept"] = n.kept;
    out["connections"] = connections;
    return out;
}

/**
 * \param p the parameters
 * \return the run's result
 * \throws py::value_error if the parameters do not validate
 */
py::dict
RunScenario(const Parameters& p)
{
    Parameters copy = p; // the caller's object may change once the GIL is released
    HandoverScenario::Result result;
    std::string error = WithNs3([&copy, &result]() {
        std::string invalid = copy.Validate(); // Run() would abort the process on a bad value
        if (invalid.empty())
        {
            result = HandoverScenario::Run(copy);
        }
        return invalid;
    });
    if (!error.empty())
    {
        throw py::value_error(error);
    }
    return ResultToPython(result, copy);
}

/**
 * \param d a predicted delay
 * \return it as {"mean_s", "min_s", "max_s"}
 */
py::dict
RangeToPython(const DelayRange& d)
{
    py::dict out;
    out["mean_s"] = d.meanS;
    out["min_s"] = d.minS;
    out["max_s"] = d.maxS;
    return out;
}

/**
 * \param p the parameters
 * \return the delay model's prediction of the MH's handover
 * \throws py::value_error if the parameters do not validate
 */
py::dict
PredictHandover(const Parameters& p)
{
    Parameters copy = p;
    HandoverPrediction h;
    std::string error = WithNs3([&copy, &h]() {
        std::string invalid = copy.Validate();
        if (invalid.empty())
        {
            h = HandoverDelayModel::Predict(copy);
        }
        return invalid;
    });
    if (!error.empty())
    {
        throw py::value_error(error);
    }
    py::dict out;
    out["modelled"] = h.modelled;
    out["survives"] = h.survives;
    out["reason"] = h.reason;
    const std::pair<const char*, DelayRange> parts[] = {
        {"detection", h.detection},
        {"scan", h.scan},
        {"association", h.association},
        {"l2_handoff", h.L2Handoff()},
        {"address", h.address},
        {"update", h.update},
        {"confirm", h.confirm},
        {"resume", h.resume},
        {"disruption", h.disruption},
    };
    for (const auto& [name, range] : parts)
    {
        out[py::str(name)] = RangeToPython(range);
    }
    return out;
}

} // namespace

PYBIND11_MODULE(_mobisocket, m)
{
    m.doc() = "Native part of the mobisocket package: the HandoverScenario of ns-3's "
              "mobisocket module. Use the mobisocket package rather than this module.";

    py::class_<Parameters> cls(m, "Parameters", R"doc(
The parameters of one HandoverScenario run, every one with its default.

    Parameters(**values)        defaults overridden by values
    p.simTimeS = 6              set (ValueError naming the parameter if bad)
    p["simTimeS"], p.simTimeS   get, typed (bool, int, float or str)
    p.to_dict(), p.to_strings() every parameter, typed or as text
    p.validate()                ValueError naming the first bad parameter
)doc");
    cls.def(py::init(&FromKwargs), "Defaults overridden by keyword arguments.")
        .def(
            "set",
            [](Parameters& p, const std::string& name, const py::handle& value) {
                SetValue(p, name, value);
            },
            py::arg("name"),
            py::arg("value"),
            "Set one parameter; ValueError naming it if the name or value is bad.")
        .def(
            "update",
            [](Parameters& p, const py::dict& values, const py::kwargs& kwargs) {
                SetAll(p, values);
                SetAll(p, kwargs);
            },
            py::arg("values") = py::dict(),
            "Set several parameters from a mapping and/or keyword arguments.")
        .def("validate", &Validate, "Raise ValueError naming the first bad parameter.")
        .def("to_dict", &ToDict, "Every parameter as name -> typed value (declaration order).")
        .def("to_strings",
             &Parameters::ToStrings,
             "Every parameter as name -> text, as the C++ side prints it.")
        .def("copy", [](const Parameters& p) { return Parameters(p); })
        .def("__copy__", [](const Parameters& p) { return Parameters(p); })
        .def("__deepcopy__", [](const Parameters& p, py::dict) { return Parameters(p); })
        .def("__getitem__",
             [](const Parameters& p, const std::string& name) {
                 py::object v = GetValue(p, name);
                 if (!v)
                 {
                     throw py::key_error(UnknownName(name));
                 }
                 return v;
             })
        .def("__setitem__",
             [](Parameters& p, const std::string& name, const py::handle& value) {
                 SetValue(p, name, value);
             })
        .def("__contains__",
             [](const Parameters& p, const py::handle& name) {
                 return py::isinstance<py::str>(name) &&
                        static_cast<bool>(GetValue(p, name.cast<std::string>()));
             })
        .def("__iter__", [](const Parameters&) { return py::iter(py::cast(Names())); })
        .def("__len__", [](const Parameters&) { return Names().size(); })
        .def("keys", [](const Parameters&) { return Names(); })
        .def("__eq__",
             [](const Parameters& a, const py::object& b) -> py::object {
                 if (!py::isinstance<Parameters>(b))
                 {
                     return py::reinterpret_borrow<py::object>(Py_NotImplemented);
                 }
                 return py::bool_(ToDict(a).equal(ToDict(b.cast<const Parameters&>())));
             })
        .def("__repr__",
             [](const Parameters& p) {
                 py::dict defaults = ToDict(Parameters());
                 std::string out = "Parameters(";
                 bool first = true;
                 for (const auto& item : ToDict(p))
                 {
                     py::object byDefault = defaults[item.first];
                     if (!byDefault.equal(item.second))
                     {
                         out += (first ? "" : ", ") + py::str(item.first).cast<std::string>() +
                                "=" + Repr(item.second);
                         first = false;
                     }
                 }
                 return out + ")";
             })
        .def(py::pickle([](const Parameters& p) { return ToDict(p); },
                        [](const py::dict& values) {
                            Parameters p;
                            SetAll(p, values);
                            return p;
                        }));
    cls.attr("__hash__") = py::none();

    // One property per parameter, generated from the parameter list itself.
    Parameters().Visit([&cls](const char* name, const char* help, const auto&) {
        std::string n = name;
        cls.def_property(
            name,
            [n](const Parameters& p) { return GetValue(p, n); },
            [n](Parameters& p, const py::handle& value) { SetValue(p, n, value); },
            help);
    });

    m.def("parameter_names", &Names, "Every parameter name, in declaration order.");
    m.def("ns3_version",
          &ns3::GetNs3Version,
          "The ns-3 release the module was built against, e.g. 'ns-3.48' (what runs record).");
    m.def(
        "parameter_help",
        []() {
            py::dict out;
            Parameters().Visit([&out](const char* name, const char* help, const auto&) {
                out[py::str(name)] = help;
            });
            return out;
        },
        "Every parameter's help text (name -> text).");
    m.def(
        "defaults",
        []() { return ToDict(Parameters()); },
        "Every parameter's default, typed (name -> value).");
    m.def("run",
          &RunScenario,
          py::arg("parameters"),
          "Run one scenario in this process (GIL released, one run at a time) and return "
          "its result as a dict.");
    m.def("predict",
          &PredictHandover,
          py::arg("parameters"),
          "The delay model's prediction of the MH's handover, from the parameters alone "
          "(HandoverDelayModel): modelled, survives, reason, and per part a dict "
          "{mean_s, min_s, max_s}.");
}
