// One multi-call binary holding the Kubernetes control plane the cluster tests start on
// 127.0.0.1: `k8s <component> [flags…]`. Linking every component into one binary shares the
// ~100 MB of common packages (client-go, apiserver, etcd client), so a cached build is one link
// and one file to keep. scripts/control-plane.mjs builds it with the version ldflags (without them
// the API server reports v0.0.0-master and every chart's kubeVersion constraint fails).
package main

import (
	"fmt"
	"os"

	etcdmain "go.etcd.io/etcd/server/v3/etcdmain"
	"k8s.io/component-base/cli"
	kubectlcmd "k8s.io/kubectl/pkg/cmd"
	kubectlutil "k8s.io/kubectl/pkg/cmd/util"
	apiserver "k8s.io/kubernetes/cmd/kube-apiserver/app"
	controllermanager "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	scheduler "k8s.io/kubernetes/cmd/kube-scheduler/app"
)

const usage = "usage: k8s etcd|kube-apiserver|kube-controller-manager|kube-scheduler|kubectl [flags…]"

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	component := os.Args[1]
	// Each command parses os.Args itself: present it as if the component had been run directly.
	os.Args = os.Args[1:]
	switch component {
	case "etcd":
		etcdmain.Main(os.Args)
	case "kube-apiserver":
		os.Exit(cli.Run(apiserver.NewAPIServerCommand()))
	case "kube-controller-manager":
		os.Exit(cli.Run(controllermanager.NewControllerManagerCommand()))
	case "kube-scheduler":
		os.Exit(cli.Run(scheduler.NewSchedulerCommand()))
	case "kubectl":
		// As kubectl's own main: the error is printed the way kubectl users know, with its exit code.
		if err := cli.RunNoErrOutput(kubectlcmd.NewDefaultKubectlCommand()); err != nil {
			kubectlutil.CheckErr(err)
		}
	default:
		fmt.Fprintf(os.Stderr, "unknown component %q\n%s\n", component, usage)
		os.Exit(2)
	}
}
